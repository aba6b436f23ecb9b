package dev.vantage.engine.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vantage.engine.MatMul;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * How long OpenBLAS (through numpy) takes for just the matrix products of one step: the shapes are
 * recorded from our own step, then replayed by bench/numpy_gemm_floor.py. No implementation that hands
 * its matrix work to that BLAS can run the step faster, which puts speed targets in proportion.
 */
public final class GemmFloor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GemmFloor() {}

    /** The products {@code step} issues, grouped by shape and layout: {m, n, k, ta, tb, count}. */
    public static List<Map<String, Integer>> record(Runnable step) {
        ConcurrentLinkedQueue<int[]> q = new ConcurrentLinkedQueue<>();
        MatMul.trace = q;
        try {
            step.run();
        } finally {
            MatMul.trace = null;
        }
        Map<List<Integer>, Integer> counts = new LinkedHashMap<>();
        for (int[] s : q) counts.merge(List.of(s[0], s[1], s[2], s[3], s[4]), 1, Integer::sum);
        List<Map<String, Integer>> groups = new ArrayList<>();
        counts.forEach((s, c) -> groups.add(Map.of("m", s.get(0), "n", s.get(1), "k", s.get(2), "ta", s.get(3), "tb", s.get(4), "count", c)));
        return groups;
    }

    /** Our own GEMM over the same products, timed the same way (best of reps passes after one warm-up): milliseconds. */
    public static double replayOurs(List<Map<String, Integer>> groups, int reps) {
        List<Runnable> work = new ArrayList<>();
        long seed = 0;
        for (Map<String, Integer> g : groups) {
            int m = g.get("m"), n = g.get("n"), k = g.get("k"), ta = g.get("ta"), tb = g.get("tb");
            for (int c = 0; c < g.get("count"); c++) {
                float[] a = MatMulBench.random(m * k, ++seed), bm = MatMulBench.random(k * n, ++seed), out = new float[m * n];
                // The public entry points cover the three layouts a step uses.
                if (ta == 0 && tb == 1) work.add(() -> MatMul.xWt(a, 0, bm, 0, out, 0, m, n, k, false));
                else if (ta == 0 && tb == 0) work.add(() -> MatMul.xW(a, 0, bm, 0, out, 0, m, k, n, false));
                else if (ta == 1 && tb == 0) work.add(() -> MatMul.xtY(a, 0, bm, 0, out, 0, k, m, n, false));
                else throw new IllegalStateException("no entry point for both operands transposed");
            }
        }
        double best = Double.MAX_VALUE;
        for (int i = 0; i <= reps; i++) {
            long t0 = System.nanoTime();
            for (Runnable w : work) w.run();
            if (i > 0) best = Math.min(best, (System.nanoTime() - t0) / 1e6);
        }
        return best;
    }

    /** {"ms", "gflop", "products", "groups"} from numpy with OPENBLAS_CORETYPE unset, or null without numpy. */
    public static JsonNode replay(List<Map<String, Integer>> groups, int reps, int threads) {
        try (InputStream script = GemmFloor.class.getResourceAsStream("/bench/numpy_gemm_floor.py")) {
            Process p = MatMulBench.numpyProcess(threads, new String(script.readAllBytes(), StandardCharsets.UTF_8), Integer.toString(reps))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (var in = p.getOutputStream()) {
                in.write(JSON.writeValueAsBytes(groups));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(10, TimeUnit.MINUTES)) { p.destroyForcibly(); return null; }
            return p.exitValue() == 0 && out.startsWith("{") ? JSON.readTree(out) : null;
        } catch (Exception e) {
            return null;
        }
    }
}
