package dev.vantage.engine.io.bench;

import dev.vantage.engine.Bf16;
import dev.vantage.engine.io.DType;
import dev.vantage.engine.io.SafeTensors;
import dev.vantage.engine.io.TensorInfo;
import dev.vantage.engine.io.TensorSource;
import dev.vantage.engine.io.TensorSpec;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Measures checkpoint throughput on a BF16 model of about 1 GiB: streaming write (single file and sharded, fsync
 * included), {@code readFloats} (mapped BF16 → float[]), a raw pass over the mapped segments, and the BF16 decoder
 * alone (vector vs scalar path). Reads are warm (the file was just written, so it is in the page cache).
 *
 * <pre>java --add-modules jdk.incubator.vector -cp target/vantage.jar \
 *     dev.vantage.engine.io.bench.CheckpointIoBench [dir] [tensors] [rows] [cols] [repeats]</pre>
 */
public final class CheckpointIoBench {
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/vantage-io-bench");
        int tensors = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 4096;
        int cols = args.length > 3 ? Integer.parseInt(args[3]) : 4096;
        int repeats = args.length > 4 ? Integer.parseInt(args[4]) : 3;
        List<TensorSpec> specs = new ArrayList<>();
        for (int i = 0; i < tensors; i++) specs.add(new TensorSpec("layers." + i + ".weight", DType.BF16, new long[] {rows, cols}));
        long bytes = specs.stream().mapToLong(TensorSpec::byteLength).sum();
        float[] template = new float[rows * cols];
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < template.length; i++) template[i] = (float) rnd.nextGaussian();
        System.out.printf("model: %d BF16 tensors [%d, %d] = %.3f GB (%.3f GiB)%n", tensors, rows, cols, bytes / 1e9, bytes / (double) (1L << 30));

        try {
            for (long maxShard : new long[] {Long.MAX_VALUE, 256L << 20}) {
                String what = maxShard == Long.MAX_VALUE ? "single file" : "256 MiB shards";
                double best = Double.MAX_VALUE;
                for (int r = 0; r < repeats; r++) {
                    long t0 = System.nanoTime();
                    SafeTensors.write(dir, specs, Map.of("bench", "1"), maxShard,
                            (spec, dst) -> System.arraycopy(template, 0, dst, 0, dst.length));
                    best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                }
                System.out.printf("write (%s, float->bf16, fsync): best of %d %.3f s = %.2f GB/s%n", what, repeats, best, bytes / 1e9 / best);
            }

            try (TensorSource source = SafeTensors.open(dir)) {
                double best = Double.MAX_VALUE;
                double checksum = 0;
                for (int r = 0; r < repeats + 1; r++) {          // first pass also faults the pages in
                    long t0 = System.nanoTime();
                    for (TensorInfo t : source.tensors()) checksum += source.readFloats(t.name())[7];
                    double s = (System.nanoTime() - t0) / 1e9;
                    if (r > 0) best = Math.min(best, s);
                }
                System.out.printf("readFloats (bf16 -> float[], warm): best of %d %.3f s = %.2f GB/s of bf16 (%.2f GB/s of floats)  [checksum %.3f]%n",
                        repeats, best, bytes / 1e9 / best, 2 * bytes / 1e9 / best, checksum);

                best = Double.MAX_VALUE;
                long sum = 0;
                for (int r = 0; r < repeats; r++) {
                    long t0 = System.nanoTime();
                    for (TensorInfo t : source.tensors()) sum += sumLongs(source.segment(t.name()));
                    best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                }
                System.out.printf("raw mapped segment (sum of longs, warm): best of %d %.3f s = %.2f GB/s  [checksum %d]%n",
                        repeats, best, bytes / 1e9 / best, sum);

                MemorySegment mapped = source.segment(source.tensors().getFirst().name());
                MemorySegment heap = MemorySegment.ofArray(new byte[(int) mapped.byteSize()]);
                MemorySegment.copy(mapped, 0, heap, 0, mapped.byteSize());
                float[] out = new float[rows * cols];
                for (MemorySegment src : new MemorySegment[] {mapped, heap}) {
                    best = Double.MAX_VALUE;
                    for (int r = 0; r < 5 * repeats; r++) {
                        long t0 = System.nanoTime();
                        Bf16.toFloats(src, 0, out, 0, out.length);
                        best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                    }
                    System.out.printf("Bf16.toFloats alone, %s: %.2f G elements/s%n",
                            src.isNative() ? "vector path (mapped)" : "scalar path (heap)", out.length / 1e9 / best);
                }
                MemorySegment nativeOut = java.lang.foreign.Arena.global().allocate(2L * out.length);
                MemorySegment heapOut = MemorySegment.ofArray(new byte[2 * out.length]);
                for (MemorySegment dst : new MemorySegment[] {nativeOut, heapOut}) {
                    best = Double.MAX_VALUE;
                    for (int r = 0; r < 5 * repeats; r++) {
                        long t0 = System.nanoTime();
                        Bf16.fromFloats(template, 0, template.length, dst, 0);
                        best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                    }
                    System.out.printf("Bf16.fromFloats alone, %s: %.2f G elements/s%n",
                            dst.isNative() ? "vector path (native)" : "scalar path (heap)", template.length / 1e9 / best);
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }

    private static long sumLongs(MemorySegment seg) {
        long sum = 0;
        long n = seg.byteSize() / 8;
        for (long i = 0; i < n; i++) sum += seg.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i);
        return sum;
    }

    private CheckpointIoBench() {}
}
