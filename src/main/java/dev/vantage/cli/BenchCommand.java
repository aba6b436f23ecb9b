package dev.vantage.cli;

import dev.vantage.engine.bench.MatMulBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vantage bench}: speed figures, each next to a reference measured in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: matmul GFLOPS vs numpy/OpenBLAS, bench-tiny forward+backward, small forward.",
        subcommands = {BenchCommand.Matmul.class})
public final class BenchCommand implements Runnable {
    @Override public void run() {
        new Matmul().run();
    }

    @Command(name = "matmul", mixinStandardHelpOptions = true, description = "fp32 GEMM GFLOPS at square sizes.")
    static final class Matmul implements Runnable {
        @Option(names = "--sizes", split = ",", defaultValue = "256,512,1024,2048") int[] sizes;
        @Option(names = "--no-reference", description = "skip numpy/OpenBLAS") boolean noRef;
        @Override public void run() { MatMulBench.run(sizes, !noRef); }
    }
}
