package dev.vantage.cli;

import dev.vantage.engine.io.DType;
import dev.vantage.engine.io.SafeTensors;
import dev.vantage.engine.io.SafeTensorsException;
import dev.vantage.engine.io.TensorInfo;
import dev.vantage.engine.io.TensorSource;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Validates a safetensors checkpoint and lists its tensors. */
@Command(name = "checkpoint-info", mixinStandardHelpOptions = true,
        description = "Validate a safetensors checkpoint (file, *.index.json or model directory) and list its tensors.")
public final class CheckpointInfoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "PATH", description = "model.safetensors, model.safetensors.index.json or a model directory")
    Path path;

    @Option(names = "--limit", defaultValue = "50", description = "List at most this many tensors (default: ${DEFAULT-VALUE}; -1 for all).")
    int limit;

    @Override public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (TensorSource source = SafeTensors.open(path)) {
            Map<DType, long[]> byType = new EnumMap<>(DType.class);   // dtype -> {tensors, elements, bytes}
            TreeSet<Path> files = new TreeSet<>();
            int shown = 0;
            for (TensorInfo t : source.tensors()) {
                long[] acc = byType.computeIfAbsent(t.dtype(), k -> new long[3]);
                acc[0]++;
                acc[1] += t.spec().numel();
                acc[2] += t.byteLength();
                files.add(t.file());
                if (limit < 0 || shown < limit) {
                    out.printf("%-60s %-5s %-22s %s @%d%n", t.name(), t.dtype(), Arrays.toString(t.spec().shape()),
                            t.file().getFileName(), t.dataOffset());
                    shown++;
                }
            }
            if (shown < source.tensors().size()) out.printf("... %d more (--limit -1 lists all)%n", source.tensors().size() - shown);
            out.printf("%d tensors in %d file(s)%n", source.tensors().size(), files.size());
            byType.forEach((dtype, acc) -> out.printf("  %-5s %6d tensors %,16d elements %,18d bytes%n", dtype, acc[0], acc[1], acc[2]));
            source.metadata().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> out.printf("  metadata %s = %s%n", e.getKey(), e.getValue()));
            return 0;
        } catch (SafeTensorsException | UncheckedIOException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return VantageCli.BAD_INPUT;
        }
    }
}
