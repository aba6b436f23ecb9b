package dev.vantage.bench;

import dev.vantage.engine.MatMul;
import dev.vantage.engine.bench.GemmFloor;
import dev.vantage.model.Batch;
import dev.vantage.model.ModelConfig;
import dev.vantage.model.TrainingState;
import dev.vantage.model.VantageModel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
        long f0 = MatMul.FLOPS.sum();
        var groups = GemmFloor.record(() -> {
            s.zeroGrad();
            s.forwardDropless(b);
            s.backward();
        });
        long counted = MatMul.FLOPS.sum() - f0;
        assertNull(MatMul.trace, "tracing is switched off afterwards");
        long recorded = 0;
        int products = 0;
        for (var g : groups) {
            recorded += 2L * g.get("m") * g.get("n") * g.get("k") * g.get("count");
            products += g.get("count");
            assertTrue(g.get("ta") + g.get("tb") < 2, "a step never has both operands transposed: " + g);
        }
        assertEquals(counted, recorded, "every product the step counted is in the record");
        assertTrue(products > 50, "attention, experts, encoder and head products: " + products);
        assertTrue(GemmFloor.replayOurs(groups, 1) > 0);
    }
}
