package dev.vantage.model;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inference path against the training forward: prefill plus token-by-token decoding gives the
 * logits the full forward computes at every position of every row of a padded batch, with and
 * without cross-attention; several threads decoding with one model get what each gets alone.
 */
class DecodeStateTest {
    /** Heads of 16 so the vector loops run (the gradient-check micro model has heads of 4). */
    static ModelConfig small(int crossInterval) {
        return new ModelConfig("vantage", 301, 64, 3, 4, 2, 4, 2, 96, 0, 0.01, 0.001,
                2, 128, crossInterval, 96, 10000, 1e-5, 0, 0, 0, true);
    }

    static final int[] IN_LEN = {30, 17, 9}, SC_LEN = {20, 11, 7};

    static int[][] rows(int[] lens, int width, int vocab, SplittableRandom r) {
        int[][] a = new int[lens.length][width];
        for (int b = 0; b < lens.length; b++) for (int t = 0; t < lens[b]; t++) a[b][t] = r.nextInt(vocab);
        return a;
    }

    static double relErr(float[] want, float[] got) {
        double diff = 0, scale = 0;
        for (int i = 0; i < want.length; i++) {
            diff = Math.max(diff, Math.abs(want[i] - got[i]));
            scale = Math.max(scale, Math.abs(want[i]));
        }
        return diff / scale;
    }

    void matchesFullForward(ModelConfig cfg) {
        VantageModel m = new VantageModel(cfg);
        m.initRandom(5, 0.1);
        SplittableRandom r = new SplittableRandom(9);
        int[][] schema = rows(SC_LEN, 20, cfg.vocabSize(), r), input = rows(IN_LEN, 30, cfg.vocabSize(), r);
        Batch b = cfg.hasSchemaEncoder() ? new Batch(schema, SC_LEN, input, IN_LEN, null) : new Batch(null, null, input, IN_LEN, null);
        TrainingState full = new TrainingState(m);     // the training forward, for its logits at every position
        full.forwardDropless(b);
        double worst = 0;
        int compared = 0;
        for (int row = 0; row < 3; row++) {
            int[] sc = java.util.Arrays.copyOf(schema[row], SC_LEN[row]);
            for (int prefill : new int[]{1, 4, 12}) {
                if (prefill > IN_LEN[row]) continue;
                DecodeState s = m.prefill(cfg.hasSchemaEncoder() ? sc : null, java.util.Arrays.copyOf(input[row], prefill));
                for (int t = prefill - 1; t < IN_LEN[row]; t++) {
                    if (t >= prefill) s.step(input[row][t]);
                    assertEquals(t + 1, s.position());
                    double e = relErr(full.logitsAt(b.inputStart[row] + t), s.logits());
                    worst = Math.max(worst, e);
                    compared++;
                    assertTrue(e < 1e-5, "row " + row + " prefill " + prefill + " position " + t + ": relative error " + e);
                }
            }
        }
        // The batch's inference forward: every row's last position.
        float[][] last = m.lastLogits(b);
        for (int row = 0; row < 3; row++) assertTrue(relErr(full.logitsAt(b.lastPos[row]), last[row]) < 1e-5, "lastLogits row " + row);
        // Several tokens appended to a non-empty cache (one query at a time against the cache).
        for (int row = 0; row < 2; row++) {
            DecodeState s = m.prefill(cfg.hasSchemaEncoder() ? java.util.Arrays.copyOf(schema[row], SC_LEN[row]) : null, java.util.Arrays.copyOf(input[row], 3));
            s.append(java.util.Arrays.copyOfRange(input[row], 3, 8));
            double e = relErr(full.logitsAt(b.inputStart[row] + 7), s.logits());
            worst = Math.max(worst, e);
            assertTrue(e < 1e-5, "append to a cache, row " + row + ": relative error " + e);
            s.step(input[row][8]);
            e = relErr(full.logitsAt(b.inputStart[row] + 8), s.logits());
            assertTrue(e < 1e-5, "step after append, row " + row + ": relative error " + e);
        }
        // The three rows as one batched step per position (different questions in one pass).
        DecodeState[] st = new DecodeState[3];
        for (int row = 0; row < 3; row++) st[row] = m.prefill(cfg.hasSchemaEncoder() ? java.util.Arrays.copyOf(schema[row], SC_LEN[row]) : null, new int[]{input[row][0]});
        for (int t = 1; t < IN_LEN[2]; t++) {
            int[] ids = {input[0][t], input[1][t], input[2][t]};
            DecodeState.stepAll(st, ids);
            for (int row = 0; row < 3; row++) {
                double e = relErr(full.logitsAt(b.inputStart[row] + t), st[row].logits());
                worst = Math.max(worst, e);
                assertTrue(e < 1e-5, "batched step, row " + row + " position " + t + ": relative error " + e);
            }
        }
        System.out.printf("decode vs full forward (c = %d): %d positions, worst relative error %.2e%n", cfg.crossAttentionInterval(), compared, worst);
    }

    @Test void prefillAndStepsEqualFullForwardWithCrossAttention() { matchesFullForward(small(3)); }

    @Test void prefillAndStepsEqualFullForwardWithoutEncoder() { matchesFullForward(small(0)); }

    @Test void gradientCheckMicroModelToo() {
        // The gradient checks' micro model (heads of 4, tails only), with cross-attention every 2nd layer.
        matchesFullForward(new ModelConfig("vantage", 41, 16, 4, 4, 2, 4, 2, 8, 0, 0.5, 0.1, 2, 12, 2, 64, 10000, 1e-5, 0, 0, 0, true));
    }

    @Test void mappedBf16WeightsDecodeLikeTheSameWeightsInMemory(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        VantageModel m = new VantageModel(small(3));
        m.initRandom(8, 0.1);
        Checkpoint.save(m, dir, dev.vantage.engine.io.DType.BF16);
        VantageModel heap = Checkpoint.load(dir);
        try (Checkpoint.Mapped mapped = Checkpoint.openMapped(dir)) {
            int[] schema = {4, 50, 51, 52, 5, 60}, prompt = {1, 70, 71, 72, 73, 74, 75, 76, 77, 78, 3};
            DecodeState a = heap.prefill(schema, prompt), b = mapped.model().prefill(schema, prompt);
            assertTrue(relErr(a.logits(), b.logits()) < 1e-5);
            for (int t : new int[]{100, 101, 102}) assertTrue(relErr(a.step(t), b.step(t)) < 1e-5, "step " + t);
        }
    }

    @Test void forkIsIndependentAndEqual() {
        VantageModel m = new VantageModel(small(3));
        m.initRandom(6, 0.1);
        DecodeState a = m.prefill(new int[]{5, 6, 7, 8}, new int[]{1, 10, 11});
        DecodeState b = a.fork();
        assertArrayEquals(a.logits(), b.logits());
        float[] la = a.step(20).clone();
        float[] lb = b.step(20).clone();
        assertArrayEquals(la, lb, 0f);
        b.step(21);
        assertEquals(4, a.position());
        assertEquals(5, b.position());
        DecodeState c = m.prefill(new int[]{9}, new int[]{1});
        c.copyFrom(a);
        assertArrayEquals(a.step(22), c.step(22), 0f);
        assertTrue(c.memory() == a.memory(), "forks share the schema memory");
    }

    @Test void refusesWhatItCannotDo() {
        VantageModel m = new VantageModel(small(3));
        m.initRandom(6, 0.1);
        assertThrows(IllegalArgumentException.class, () -> m.newDecodeState(null, 8));
        assertThrows(IllegalArgumentException.class, () -> m.prefill(null, new int[]{1}));
        assertThrows(IllegalArgumentException.class, () -> m.prefill(new int[0], new int[]{1}));
        DecodeState s = m.prefill(new int[]{5}, new int[]{1});
        assertThrows(IllegalArgumentException.class, () -> DecodeState.stepAll(new DecodeState[]{s, s}, new int[]{1, 2}));
        assertThrows(IllegalArgumentException.class, () -> s.step(301));
        int room = m.cfg.maxPositionEmbeddings() - s.position();
        for (int i = 0; i < room; i++) s.step(3);
        assertThrows(IllegalStateException.class, () -> s.step(3));
        VantageModel m0 = new VantageModel(small(0));
        assertThrows(IllegalStateException.class, () -> m0.encodeSchema(new int[]{1}));
    }

    /** Greedy decoding of one question: the tokens and every step's logits. */
    static List<float[]> decode(VantageModel m, int[] schema, int[] prompt, int steps, int[] tokens) {
        DecodeState s = m.prefill(schema, prompt);
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            float[] l = s.logits();
            out.add(l.clone());
            int best = 0;
            for (int j = 1; j < l.length; j++) if (l[j] > l[best]) best = j;
            tokens[i] = best;
            s.step(best);
        }
        return out;
    }

    @Test void threadsDecodingDifferentQuestionsGetWhatEachGetsAlone() throws Exception {
        VantageModel m = new VantageModel(small(3));
        m.initRandom(12, 0.1);
        int q = 4, steps = 24;
        SplittableRandom r = new SplittableRandom(3);
        int[][] schema = new int[q][], prompt = new int[q][];
        for (int i = 0; i < q; i++) {
            schema[i] = r.ints(10 + 5 * i, 0, 301).toArray();
            prompt[i] = r.ints(3 + 4 * i, 0, 301).toArray();
        }
        int[][] aloneTokens = new int[q][steps];
        List<List<float[]>> alone = new ArrayList<>();
        for (int i = 0; i < q; i++) decode(m, schema[i], prompt[i], steps, new int[steps]);    // warm-up
        for (int i = 0; i < q; i++) alone.add(decode(m, schema[i], prompt[i], steps, aloneTokens[i]));
        ExecutorService pool = Executors.newFixedThreadPool(q);
        try {
            List<Future<int[]>> fut = new ArrayList<>();
            List<List<float[]>> got = new ArrayList<>();
            for (int i = 0; i < q; i++) got.add(null);
            for (int rep = 0; rep < 3; rep++)
                for (int i = 0; i < q; i++) {
                    final int qi = i;
                    fut.add(pool.submit(() -> {
                        int[] tok = new int[steps];
                        List<float[]> l = decode(m, schema[qi], prompt[qi], steps, tok);
                        synchronized (got) { got.set(qi, l); }
                        int[] res = new int[steps + 1];
                        res[0] = qi;
                        System.arraycopy(tok, 0, res, 1, steps);
                        // Compare logits in the thread, while the others are running.
                        for (int s = 0; s < steps; s++) {
                            float[] want = alone.get(qi).get(s), have = l.get(s);
                            // Exact up to last-place rounding: the JIT may swap a Vector API fallback for
                            // an intrinsic between runs (see ModelGradientCheckTest); shared scratch would
                            // be off by whole values.
                            if (relErr(want, have) > 1e-6) throw new AssertionError("question " + qi + " step " + s + " differs: " + relErr(want, have));
                        }
                        return res;
                    }));
                }
            for (Future<int[]> f : fut) {
                int[] res = f.get();
                assertArrayEquals(aloneTokens[res[0]], java.util.Arrays.copyOfRange(res, 1, steps + 1), "question " + res[0]);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
