package dev.vantage.bench;

import dev.vantage.engine.MatMul;
import dev.vantage.engine.bench.GemmFloor;
import dev.vantage.model.Batch;
import dev.vantage.model.ModelConfig;
import dev.vantage.model.TrainingState;
import dev.vantage.model.VantageModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GemmFloorTest {
    @Test
    void recordsEveryProductOfAStepAndReplaysThem() {
        ModelConfig cfg = new ModelConfig("vantage", 41, 16, 4, 4, 2, 4, 2, 8, 0, 0.5, 0.1,
                2, 12, 2, 64, 10000, 1e-5, 0, 0, 0, true);
        VantageModel m = new VantageModel(cfg);
        m.initRandom(1, 0.1);
        TrainingState s = new TrainingState(m);
        Batch b = ModelBench.randomBatch(cfg.vocabSize(), 3, 7, 9, 5);
        Runnable step = () -> {
            s.zeroGrad();
            s.forwardDropless(b);
            s.backward();
        };
        var groups = GemmFloor.record(step);
        int products = 0;
        for (var g : groups) {
            products += g.get("count");
            assertTrue(g.get("ta") + g.get("tb") < 2, "a step never has both operands transposed: " + g);
        }
        assertTrue(products > 50, "attention, experts, encoder and head products: " + products);
        // The router (4 experts) takes the narrow path of x W^T: recorded too.
        assertTrue(groups.stream().anyMatch(g -> g.get("n") == cfg.numLocalExperts() && g.get("k") == cfg.hiddenSize() && g.get("tb") == 1),
                "router products: " + groups);
        assertEquals(groups, GemmFloor.record(step), "the same step records the same products, none lost");
        assertTrue(GemmFloor.replayOurs(groups, 1) > 0);
    }

    @Test
    void recordsExactlyTheProductsIssuedInsideTheCall() {
        float[] x = new float[5 * 64], w = new float[40 * 64], y = new float[5 * 40];
        MatMul.xWt(x, 0, w, 0, y, 0, 5, 40, 64, false);     // outside: not recorded
        List<Map<String, Integer>> groups = GemmFloor.record(() -> {
            MatMul.xWt(x, 0, w, 0, y, 0, 5, 40, 64, false);
            MatMul.xWt(x, 0, w, 0, y, 0, 5, 40, 64, true);
        });
        assertEquals(List.of(Map.of("m", 5, "n", 40, "k", 64, "ta", 0, "tb", 1, "count", 2)), groups);
        assertEquals(2L * 2 * 5 * 40 * 64, GemmFloor.flops(groups));
    }
}
