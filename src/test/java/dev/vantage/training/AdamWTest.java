package dev.vantage.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vantage.model.Gradients;
import dev.vantage.model.ModelConfig;
import dev.vantage.model.Param;
import dev.vantage.model.VantageModel;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class AdamWTest {
    /** Two updates against the formulas written out in double precision. */
    @Test void matchesTheUpdateRuleAndSkipsDecayOnNormsAndEmbeddings() {
        VantageModel m = new VantageModel(new ModelConfig("vantage", 12, 8, 1, 2, 1, 2, 1, 4, 0, 0.01, 0.001,
                1, 8, 1, 16, 10000, 1e-5, 0, 0, 0, true));
        m.initRandom(1, 0.1);
        var n = new ObjectMapper().createObjectNode();
        n.put("weight_decay", 0.1);
        n.put("adam_beta1", 0.9);
        n.put("adam_beta2", 0.99);
        n.put("adam_eps", 1e-8);
        AdamW opt = new AdamW(m.params(), TrainingConfig.from(n));
        float[][] w0 = new float[m.params().size()][];
        for (int i = 0; i < w0.length; i++) w0[i] = m.params().get(i).w.clone();
        double lr = 0.01, g1 = 0.5, g2 = -0.25;
        Gradients grads = new Gradients(m.params());
        for (Param p : m.params()) java.util.Arrays.fill(grads.of(p), (float) g1);
        opt.step(grads, lr, 1);
        for (Param p : m.params()) java.util.Arrays.fill(grads.of(p), (float) g2);
        opt.step(grads, lr, 1);
        double m1 = 0.1 * g1, v1 = 0.01 * g1 * g1;
        double m2 = 0.9 * m1 + 0.1 * g2, v2 = 0.99 * v1 + 0.01 * g2 * g2;
        double u1 = (m1 / 0.1) / (Math.sqrt(v1 / 0.01) + 1e-8);
        double u2 = (m2 / (1 - 0.81)) / (Math.sqrt(v2 / (1 - 0.9801)) + 1e-8);
        boolean sawNorm = false, sawEmbed = false, sawMatrix = false;
        for (int i = 0; i < w0.length; i++) {
            Param p = m.params().get(i);
            double decay = AdamW.decays(p) ? 1 - lr * 0.1 : 1;
            sawNorm |= p.shape.length == 1;
            sawEmbed |= p.name.contains("embed_tokens");
            sawMatrix |= AdamW.decays(p);
            double expect = (w0[i][0] * decay - lr * u1) * decay - lr * u2;
            assertEquals(expect, p.w[0], 1e-6, p.name);
        }
        assertTrue(sawNorm && sawEmbed && sawMatrix);
        assertFalse(AdamW.decays(m.paramsByName().get("model.embed_tokens.weight")));
        assertFalse(AdamW.decays(m.paramsByName().get("model.norm.weight")));
    }
}
