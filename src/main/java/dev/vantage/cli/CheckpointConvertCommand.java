package dev.vantage.cli;

import dev.vantage.engine.io.DType;
import dev.vantage.engine.io.SafeTensors;
import dev.vantage.engine.io.TensorSource;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Rewrites a safetensors checkpoint: reshards it and/or changes the precision of its float tensors. */
@Command(name = "checkpoint-convert", mixinStandardHelpOptions = true,
        description = "Rewrite a safetensors checkpoint into a model directory, atomically: reshard it and/or "
                + "convert its F32/BF16/F16 tensors to another float type. Other tensors are copied byte for byte.")
public final class CheckpointConvertCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INPUT", description = "file, *.index.json or model directory")
    Path input;

    @Parameters(index = "1", paramLabel = "OUTPUT_DIR", description = "model directory to (over)write")
    Path output;

    @Option(names = "--dtype", description = "Target type for float tensors: F32, BF16, F16 or F64 (default: keep).")
    DType dtype;

    @Option(names = "--max-shard-size", defaultValue = "5GB", converter = ByteSize.class,
            description = "Largest shard, in tensor bytes: 123, 500MB, 5GB (10^n) or 2GiB (2^n); default ${DEFAULT-VALUE}.")
    long maxShardBytes;

    @Override public Integer call() {
        Path inputDir = java.nio.file.Files.isDirectory(input) ? input : input.toAbsolutePath().getParent();
        Path config = inputDir == null ? null : inputDir.resolve("config.json");
        boolean haveConfig = config != null && java.nio.file.Files.isRegularFile(config);
        try (TensorSource source = SafeTensors.open(input)) {
            dev.vantage.model.ModelDirs.replaceWhole(output, staging -> {
                SafeTensors.convert(source, staging, dtype, maxShardBytes);
                if (haveConfig) {
                    try {
                        java.nio.file.Files.copy(config, staging.resolve("config.json"));
                    } catch (java.io.IOException e) {
                        throw new UncheckedIOException("cannot copy " + config + ": " + e.getMessage(), e);
                    }
                }
            });
            spec.commandLine().getOut().printf("wrote %d tensors%s to %s%n", source.tensors().size(),
                    haveConfig ? " and config.json" : "", output);
            if (!haveConfig) {
                spec.commandLine().getErr().println("note: no config.json next to " + input + ", so " + output
                        + " holds weights only; add the model's config.json there to load it");
            }
            return 0;
        }
    }

    /** Sizes as Hugging Face writes them: "5GB" is 5·10^9 bytes, "5GiB" is 5·2^30. */
    static final class ByteSize implements CommandLine.ITypeConverter<Long> {
        private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([KMGT]?)(I?B)?");

        @Override public Long convert(String value) {
            Matcher m = SIZE.matcher(value.trim().toUpperCase(Locale.ROOT));
            if (!m.matches()) throw new CommandLine.TypeConversionException("not a size: '" + value + "' (e.g. 500MB, 2GiB, 1048576)");
            int power = " KMGT".indexOf(m.group(2).isEmpty() ? " " : m.group(2));
            long unit = "IB".equals(m.group(3)) ? 1L << (10 * power) : (long) Math.pow(1000, power);
            long bytes = Math.multiplyExact(Long.parseLong(m.group(1)), unit);
            if (bytes <= 0) throw new CommandLine.TypeConversionException("size must be positive: '" + value + "'");
            return bytes;
        }
    }
}
