package dev.vantage.engine.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vantage.engine.GemmEvent;
import dev.vantage.engine.MatMul;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * How long OpenBLAS (through numpy) takes for just the matrix products of one step: the shapes are
 * recorded from our own step, then replayed by bench/numpy_gemm_floor.py. No implementation that hands
 * its matrix work to that BLAS can run the step faster, which puts speed targets in proportion.
 */
public final class GemmFloor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GemmFloor() {}

    /**
     * The products {@code step} issues, grouped by shape and layout and sorted: {m, n, k, ta, tb, count}. Recorded
     * as {@link GemmEvent}s by a Flight Recorder recording that lasts just this call, so the kernel
     * itself counts nothing.
     */
    public static List<Map<String, Integer>> record(Runnable step) {
        // Sorted by shape: events of different threads arrive in no fixed order.
        Map<List<Integer>, Integer> counts = new TreeMap<>(GemmFloor::compareShapes);
        Path file = null;
        try {
            file = Files.createTempFile("vantage-gemm-", ".jfr");
            try (Recording r = new Recording()) {
                r.enable(GemmEvent.NAME).withoutStackTrace();
                r.start();
                step.run();
                r.stop();
                r.dump(file);
            }
            for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
                if (!e.getEventType().getName().equals(GemmEvent.NAME)) continue;
                counts.merge(List.of(e.getInt("m"), e.getInt("n"), e.getInt("k"),
                        e.getBoolean("aTransposed") ? 1 : 0, e.getBoolean("bTransposed") ? 1 : 0), 1, Integer::sum);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the matrix products: " + e.getMessage(), e);
        } finally {
            if (file != null) file.toFile().delete();
        }
        List<Map<String, Integer>> groups = new ArrayList<>();
        counts.forEach((sh, c) -> groups.add(Map.of("m", sh.get(0), "n", sh.get(1), "k", sh.get(2), "ta", sh.get(3), "tb", sh.get(4), "count", c)));
        return groups;
    }

    private static int compareShapes(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < a.size(); i++) if (!a.get(i).equals(b.get(i))) return Integer.compare(a.get(i), b.get(i));
        return 0;
    }

    /** Floating-point operations of recorded products: 2 m n k each. */
    public static long flops(List<Map<String, Integer>> groups) {
        long f = 0;
        for (Map<String, Integer> g : groups) f += 2L * g.get("m") * g.get("n") * g.get("k") * g.get("count");
        return f;
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
