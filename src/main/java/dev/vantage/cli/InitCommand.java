package dev.vantage.cli;

import dev.vantage.config.VantageConfig;
import dev.vantage.engine.io.DType;
import dev.vantage.model.Checkpoint;
import dev.vantage.model.ModelLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@code vantage init}: writes a randomly initialised model directory. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Write a randomly initialised model (config.json + safetensors, streamed tensor by tensor).")
public final class InitCommand implements Runnable {
    @Option(names = "--config", required = true, description = "tiny, small, medium, large, bench-tiny, or a YAML path") String config;
    @Option(names = "--seed", defaultValue = "0") long seed;
    @Option(names = "--out", required = true) Path out;
    @Option(names = "--dtype", defaultValue = "f32", converter = ModelOptions.DTypeConverter.class, description = "f32 or bf16") DType dtype;
    @Option(names = "--std", defaultValue = "0.02", description = "init standard deviation of matrices") double std;

    @Override public void run() {
        VantageConfig vc = VantageConfig.load(config);
        long n = ModelLayout.count(vc.model()).total();
        System.err.printf("writing %,d parameters as %s to %s%n", n, dtype, out);
        long t0 = System.nanoTime();
        Checkpoint.writeRandom(vc.model(), out, seed, dtype, std);
        System.err.printf("done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }
}
