package dev.vantage.engine.bench;

import dev.vantage.engine.MatMul;
import dev.vantage.engine.Parallel;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** GFLOPS of our x W^T at square sizes, next to numpy + OpenBLAS measured in the same run. */
public final class MatMulBench {
    private MatMulBench() {}

    /** Best-of-reps GFLOPS for an n x n x n product. */
    public static double ours(int n, double seconds) {
        float[] a = random(n * n, 1), b = random(n * n, 2), c = new float[n * n];
        double flop = 2.0 * n * n * n, best = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        int reps = 0;
        while (reps < 3 || System.nanoTime() < end) {
            long t0 = System.nanoTime();
            MatMul.xWt(a, 0, b, 0, c, 0, n, n, n, false);
            best = Math.max(best, flop / (System.nanoTime() - t0));
            reps++;
        }
        return best;
    }

    /**
     * numpy's float32 a @ b.T at each size, best of several, with OPENBLAS_CORETYPE unset (else
     * OpenBLAS picks slow kernels here) and the same thread count as ours. Empty when numpy is absent.
     */
    public static Map<Integer, Double> numpy(int[] sizes, int threads) {
        Map<Integer, Double> out = new LinkedHashMap<>();
        StringBuilder list = new StringBuilder();
        for (int s : sizes) list.append(s).append(',');
        String script = """
                import time, numpy as np
                for n in [%s]:
                    a = np.random.rand(n, n).astype(np.float32); b = np.random.rand(n, n).astype(np.float32)
                    a @ b.T
                    best = 0; t_end = time.perf_counter() + 1.5; reps = 0
                    while reps < 3 or time.perf_counter() < t_end:
                        t0 = time.perf_counter(); a @ b.T; dt = time.perf_counter() - t0
                        best = max(best, 2.0 * n ** 3 / dt / 1e9); reps += 1
                    print(n, best)
                """.formatted(list);
        try {
            Process p = numpyProcess(threads, script).redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
                String line;
                while ((line = r.readLine()) != null) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length == 2 && f[0].matches("\\d+")) out.put(Integer.parseInt(f[0]), Double.parseDouble(f[1]));
                }
            }
            p.waitFor();
        } catch (Exception e) {
            return Map.of();
        }
        return out;
    }

    /** python3 -c script args, with OpenBLAS left to pick its own kernels and limited to {@code threads}. */
    static ProcessBuilder numpyProcess(int threads, String script, String... args) {
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("python3", "-c", script));
        cmd.addAll(java.util.List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("OPENBLAS_CORETYPE");
        pb.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(threads));
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        return pb;
    }

    public static void run(int[] sizes, boolean withNumpy) {
        Map<Integer, Double> ref = withNumpy ? numpy(sizes, Parallel.THREADS) : Map.of();
        double peak = FmaPeak.measure(Parallel.THREADS);
        System.out.printf("matmul fp32 C = A B^T, %d threads, %d-lane vectors; FMA peak of this machine %.0f GFLOPS%n", Parallel.THREADS,
                jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length(), peak);
        System.out.printf("%6s %12s %16s %8s %10s %10s%n", "n", "ours GFLOPS", "numpy GFLOPS", "ratio", "ours/peak", "numpy/peak");
        double best = 0;
        for (int n : sizes) {
            double g = ours(n, n >= 2048 ? 4 : 2);
            best = Math.max(best, Math.max(g, ref.getOrDefault(n, 0.0)));
            Double r = ref.get(n);
            System.out.printf("%6d %12.1f %16s %8s %9.0f%% %10s%n", n, g, r == null ? "n/a" : String.format("%.1f", r),
                    r == null ? "" : String.format("%.2f", g / r), 100 * g / peak, r == null ? "" : String.format("%.0f%%", 100 * r / peak));
        }
        if (best > peak) System.out.println(FmaPeak.BUSY);
        if (withNumpy && ref.isEmpty()) System.out.println("(numpy not found: python3 with numpy gives the reference column)");
    }

    static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) r.nextDouble();
        return a;
    }
}
