package dev.vantage.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vantage.config.VantageConfig;
import dev.vantage.engine.Parallel;
import dev.vantage.engine.bench.FmaPeak;
import dev.vantage.engine.bench.GemmFloor;
import dev.vantage.engine.io.DType;
import dev.vantage.model.Batch;
import dev.vantage.model.Checkpoint;
import dev.vantage.model.ModelConfig;
import dev.vantage.model.ModelLayout;
import dev.vantage.model.TrainingState;
import dev.vantage.model.VantageModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Whole-model timings: a training forward+backward of bench-tiny, and a bf16 forward of a large config. */
public final class ModelBench {
    private ModelBench() {}

    /** Random full-length rows; loss on every position as a language-model step computes it. */
    static Batch randomBatch(int vocab, int rows, int dec, int schema, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[][] s = new int[rows][schema], in = new int[rows][dec], mask = new int[rows][dec];
        int[] sl = new int[rows], il = new int[rows];
        for (int b = 0; b < rows; b++) {
            for (int t = 0; t < schema; t++) s[b][t] = r.nextInt(vocab);
            for (int t = 0; t < dec; t++) { in[b][t] = r.nextInt(vocab); mask[b][t] = 1; }
            sl[b] = schema;
            il[b] = dec;
        }
        return new Batch(schema > 0 ? s : null, schema > 0 ? sl : null, in, il, mask);
    }

    /**
     * One timed training step's shape: rows of {@code dec} decoder and {@code schema} schema tokens.
     *
     * @param dropout draw the config's dropout masks every step, as {@code train} does (off: the masks'
     *                cost is left out, and a config with dropout times as one without)
     */
    public record TrainStepSpec(String config, int rows, int dec, int schema, int steps, boolean dropout) {
        /** bench-tiny, batch 16 x (64 decoder + 128 schema) tokens, 10 steps: the figure of docs/MODEL.md. */
        public static final TrainStepSpec BENCH_TINY = new TrainStepSpec("bench-tiny", 16, 64, 128, 10, false);
    }

    /** Forward+backward of a config on random rows, median of the steps. */
    public static void trainStep(TrainStepSpec spec, boolean withTorch, boolean profile) {
        String config = spec.config();
        int rows = spec.rows(), dec = spec.dec(), schema = spec.schema(), steps = spec.steps();
        ModelConfig cfg = VantageConfig.load(config).model();
        VantageModel m = new VantageModel(cfg);
        m.initRandom(1, 0.02);
        TrainingState s = new TrainingState(m);
        Batch b = randomBatch(cfg.vocabSize(), rows, dec, schema, 2);
        System.out.printf("forward+backward: %s, batch %d x (%d decoder + %d schema tokens), %d threads%s%n", config, rows, dec, schema,
                Parallel.THREADS, spec.dropout() ? String.format(", dropout hidden %.2f attention %.2f expert %.2f",
                        cfg.hiddenDropout(), cfg.attentionDropout(), cfg.expertDropout()) : "");
        double[] fwdMs = new double[steps], totMs = new double[steps];
        s.profile().enable(profile);
        Runnable step = () -> {
            s.zeroGrad();
            s.forward(b, null);
            s.backward();
        };
        for (int i = -3; i < steps; i++) {
            long t0 = System.nanoTime();
            s.zeroGrad();
            TrainingState.Output o = s.forward(b, spec.dropout() ? new SplittableRandom(i) : null);
            long t1 = System.nanoTime();
            s.backward();
            long t2 = System.nanoTime();
            if (i == -1) s.profile().reset();
            if (i >= 0) {
                fwdMs[i] = (t1 - t0) / 1e6;
                totMs[i] = (t2 - t0) / 1e6;
            } else if (i == -3) {
                System.out.printf("loss %.4f (ln V = %.4f)%n", o.loss(), Math.log(cfg.vocabSize()));
            }
        }
        double med = median(totMs), fwd = median(fwdMs);
        // One more step, recorded: the weights do not change, so its products are every timed step's.
        var products = GemmFloor.record(step);
        long flops = GemmFloor.flops(products);
        System.out.printf("forward %.1f ms, forward+backward %.1f ms (median of %d; min %.1f), %.0f decoder tokens/s, %.0f tokens/s with schema%n",
                fwd, med, steps, Arrays.stream(totMs).min().orElse(0), rows * dec / (med / 1e3), rows * (dec + schema) / (med / 1e3));
        System.out.printf("matrix work %.1f GFLOP per step -> %.0f GFLOPS effective%n", flops / 1e9, flops / (med / 1e3) / 1e9);
        if (profile) s.profile().millis(steps).forEach((k, v) -> System.out.printf("  %-24s %7.1f ms%n", k, v));
        if (withTorch) printReferences(products, cfg, rows, dec, schema, steps, flops, med);
    }

    /**
     * What the step's time means on this machine: its share of the FMA peak; the step's own matrix
     * products replayed alone, by our GEMM and by OpenBLAS (one thread: kernel against kernel; two:
     * the least time any implementation calling OpenBLAS could need); PyTorch on the same shape.
     */
    private static void printReferences(List<Map<String, Integer>> products, ModelConfig cfg, int rows, int dec, int schema, int steps, long flops, double med) {
        double peak = FmaPeak.measure(Parallel.THREADS);
        System.out.printf("FMA peak of this machine (Vector API, %d threads): %.0f GFLOPS; the step runs at %.0f%% of it%n",
                Parallel.THREADS, peak, 100 * flops / (med / 1e3) / 1e9 / peak);
        System.out.printf("the step's %d matrix products (%d shapes) replayed back to back, nothing else:%n",
                products.stream().mapToInt(g -> g.get("count")).sum(), products.size());
        double[] ours = new double[1];
        Parallel.onOneThread(() -> ours[0] = GemmFloor.replayOurs(products, 3));
        JsonNode one = GemmFloor.replay(products, 3, 1), all = GemmFloor.replay(products, 3, Parallel.THREADS);
        if (one == null || all == null) {
            System.out.printf("  1 thread: ours %.1f ms; numpy + OpenBLAS skipped (no python3 with numpy)%n", ours[0]);
        } else {
            System.out.printf("  1 thread: ours %.1f ms, numpy + OpenBLAS %.1f ms -> our GEMM is %.2fx OpenBLAS on this mix%n",
                    ours[0], one.get("ms").asDouble(), one.get("ms").asDouble() / ours[0]);
            System.out.printf("  %d threads: numpy + OpenBLAS %.1f ms (%.0f%% of peak); our whole step takes %.2fx that%n",
                    Parallel.THREADS, all.get("ms").asDouble(), 100 * flops / (all.get("ms").asDouble() / 1e3) / 1e9 / peak, med / all.get("ms").asDouble());
        }
        if (all != null && flops / (all.get("ms").asDouble() / 1e3) / 1e9 > peak) System.out.println(FmaPeak.BUSY);
        JsonNode ref = TorchReference.trainStep(cfg, rows, dec, schema, Math.max(3, steps / 2), Parallel.THREADS);
        if (ref == null) {
            System.out.println("PyTorch reference: skipped (no python3 that imports torch; Debian: apt-get install python3-torch libopenblas0-pthread)");
            return;
        }
        double t = ref.get("fwd_bwd_ms").asDouble();
        System.out.printf("PyTorch %s, same shape, same run: forward+backward %.1f ms (with AdamW step %.1f ms) -> ours is %.2fx faster%n",
                ref.get("torch").asText(), t, ref.get("step_ms").asDouble(), t / med);
        if (all != null)
            System.out.printf("twice PyTorch's speed would be %.0f ms, %.2fx what OpenBLAS alone needs for the step's matrix products%n",
                    t / 2, t / 2 / all.get("ms").asDouble());
    }

    /** Forward of a config with random bf16 weights read from a mapped checkpoint (written to a temp dir if none given). */
    public static void forward(String config, Path modelDir, int tokens, int schema, int reps) {
        ModelConfig cfg = VantageConfig.load(config).model();
        Path dir = modelDir;
        boolean temp = dir == null;
        try {
            if (temp) {
                dir = Files.createTempDirectory("vantage-bench-");
                System.out.printf("writing random bf16 %s weights (%,d parameters) to %s ...%n", config, ModelLayout.count(cfg).total(), dir);
                long t0 = System.nanoTime();
                Checkpoint.writeRandom(cfg, dir, 1, DType.BF16, 0.02);
                System.out.printf("  written in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            }
            try (Checkpoint.Mapped mm = Checkpoint.openMapped(dir)) {
                TrainingState s = new TrainingState(mm.model());
                Batch b = randomBatch(cfg.vocabSize(), 1, tokens, cfg.hasSchemaEncoder() ? schema : 0, 3);
                System.out.printf("forward (inference, dropless, bf16 mapped weights): %s, %d decoder + %d schema tokens, %d threads%n",
                        config, tokens, cfg.hasSchemaEncoder() ? schema : 0, Parallel.THREADS);
                // Run 0 warms up and records the matrix products (for the GFLOP count); the timed runs follow.
                long t0 = System.nanoTime();
                long flops = GemmFloor.flops(GemmFloor.record(() -> s.forwardDropless(b)));
                System.out.printf("  run 0 (warm-up, matrix products recorded): %.2f s%n", (System.nanoTime() - t0) / 1e9);
                double best = Double.MAX_VALUE;
                for (int i = 1; i <= Math.max(1, reps); i++) {
                    t0 = System.nanoTime();
                    s.forwardDropless(b);
                    double secs = (System.nanoTime() - t0) / 1e9;
                    best = Math.min(best, secs);
                    System.out.printf("  run %d: %.2f s%n", i, secs);
                }
                System.out.printf("forward %.2f s -> %.0f tokens/s (prefill), matrix work %.0f GFLOP -> %.0f GFLOPS%n",
                        best, tokens / best, flops / 1e9, flops / best / 1e9);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (temp && dir != null) deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) { /* best effort */ }
    }

    static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
