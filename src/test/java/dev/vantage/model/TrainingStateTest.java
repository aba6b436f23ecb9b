package dev.vantage.model;

import dev.vantage.engine.io.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The model keeps nothing of a call: training states over one model's weights do not see each other. */
class TrainingStateTest {
    static ModelConfig micro() { return ModelGradientCheckTest.micro(2, 0.6); }

    /** Loss and every gradient of one forward+backward in a fresh state. */
    static float[][] step(TrainingState s, Batch b, double[] loss) {
        s.zeroGrad();
        loss[0] = s.forward(b, null).loss();
        s.backward();
        float[][] g = new float[s.gradients().size()][];
        for (int i = 0; i < g.length; i++) g[i] = s.gradients().get(i).clone();
        return g;
    }

    static void assertSameGradients(float[][] want, float[][] got, VantageModel m) {
        for (int i = 0; i < want.length; i++) {
            float scale = 0;
            for (float v : want[i]) scale = Math.max(scale, Math.abs(v));
            // up to last-place rounding (see ModelGradientCheckTest): a shared buffer would be off by whole values
            assertArrayEquals(want[i], got[i], 1e-4f * scale + 1e-7f, m.params().get(i).name);
        }
    }

    @Test void interleavedStatesGetWhatEachGetsAlone() {
        VantageModel m = new VantageModel(micro());
        m.initRandom(3, 0.3);
        Batch b1 = ModelGradientCheckTest.batch(m.cfg.vocabSize(), 1), b2 = ModelGradientCheckTest.batch(m.cfg.vocabSize(), 2);
        double[] l1 = new double[1], l2 = new double[1], l = new double[1];
        float[][] g1 = step(new TrainingState(m), b1, l1), g2 = step(new TrainingState(m), b2, l2);
        TrainingState a = new TrainingState(m), b = new TrainingState(m);
        a.zeroGrad();
        b.zeroGrad();
        double la = a.forward(b1, null).loss(), lb = b.forward(b2, null).loss();
        b.backward();
        a.backward();
        assertEquals(l1[0], la, 1e-6 * Math.abs(la));
        assertEquals(l2[0], lb, 1e-6 * Math.abs(lb));
        float[][] ga = new float[g1.length][], gb = new float[g1.length][];
        for (int i = 0; i < g1.length; i++) { ga[i] = a.gradients().get(i); gb[i] = b.gradients().get(i); }
        assertSameGradients(g1, ga, m);
        assertSameGradients(g2, gb, m);
        assertTrue(l1[0] != l2[0], "two different batches");
    }

    @Test void concurrentStatesOnOneModelGetWhatEachGetsAlone() throws Exception {
        VantageModel m = new VantageModel(micro());
        m.initRandom(4, 0.3);
        Batch[] batches = new Batch[4];
        float[][][] alone = new float[4][][];
        double[][] losses = new double[4][1];
        for (int i = 0; i < 4; i++) {
            batches[i] = ModelGradientCheckTest.batch(m.cfg.vocabSize(), 10 + i);
            alone[i] = step(new TrainingState(m), batches[i], losses[i]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?>[] runs = new Future<?>[4];
            for (int i = 0; i < 4; i++) {
                int q = i;
                runs[i] = pool.submit(() -> {
                    TrainingState s = new TrainingState(m);
                    double[] loss = new double[1];
                    for (int rep = 0; rep < 3; rep++) {
                        float[][] g = step(s, batches[q], loss);
                        assertEquals(losses[q][0], loss[0], 1e-6 * Math.abs(loss[0]));
                        assertSameGradients(alone[q], g, m);
                    }
                    return null;
                });
            }
            for (Future<?> f : runs) f.get();
        } finally {
            pool.shutdown();
        }
    }

    @Test void mappedBf16WeightsRunTheForwardButRefuseGradients(@TempDir Path dir) {
        Checkpoint.writeRandom(micro(), dir, 9, DType.BF16, 0.2);
        Batch b = ModelGradientCheckTest.batch(micro().vocabSize(), 4);
        try (Checkpoint.Mapped mapped = Checkpoint.openMapped(dir)) {
            TrainingState s = new TrainingState(mapped.model());
            assertTrue(Double.isFinite(s.forwardDropless(b).loss()));
            var e = assertThrows(IllegalStateException.class, s::backward);
            assertTrue(e.getMessage().contains("mapped bf16"), e.getMessage());
        }
    }

    @Test void backwardNeedsAForward() {
        TrainingState s = new TrainingState(new VantageModel(micro()));
        assertThrows(IllegalStateException.class, s::backward);
    }
}
