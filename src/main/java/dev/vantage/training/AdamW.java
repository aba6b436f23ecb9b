package dev.vantage.training;

import dev.vantage.engine.Parallel;
import dev.vantage.model.Gradients;
import dev.vantage.model.ModelLayout;
import dev.vantage.model.Param;

import java.util.List;

/**
 * AdamW (Loshchilov and Hutter) with decoupled weight decay, fp32 moments beside fp32 master weights
 * and mirroring them like the {@link Gradients}: moment i has the shape of param i. The one writer of
 * the weights.
 * Norm gains (1-D) and the embedding table get no decay: shrinking them toward zero only fights the
 * normalization, and rows of rare tokens would decay between their rare updates.
 */
public final class AdamW {
    private final List<Param> params;
    /** First and second moments, one array per param, shaped like its weights. */
    final float[][] m, v;
    private final double beta1, beta2, eps, weightDecay;
    /** Updates applied so far (for bias correction). */
    long t;

    public AdamW(List<Param> params, TrainingConfig c) {
        this.params = params;
        this.beta1 = c.adamBeta1();
        this.beta2 = c.adamBeta2();
        this.eps = c.adamEps();
        this.weightDecay = c.weightDecay();
        m = new float[params.size()][];
        v = new float[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            m[i] = new float[params.get(i).size()];
            v[i] = new float[params.get(i).size()];
        }
    }

    public static boolean decays(Param p) {
        return p.shape.length > 1 && !p.name.equals(ModelLayout.EMBEDDING);
    }

    /** One update with learning rate lr from the gradients of the same params, first multiplied by gradScale (clipping, accumulation). */
    public void step(Gradients grads, double lr, double gradScale) {
        if (grads.params() != params) throw new IllegalArgumentException("gradients of another model's params");
        t++;
        float b1 = (float) beta1, b2 = (float) beta2;
        float c1 = (float) (1 - Math.pow(beta1, t)), c2 = (float) (1 - Math.pow(beta2, t));
        float scale = (float) gradScale, e = (float) eps, rate = (float) lr;
        Parallel.forRange(params.size(), (start, end) -> {
            for (int i = start; i < end; i++) {
                Param p = params.get(i);
                float decay = decays(p) ? (float) (1 - lr * weightDecay) : 1f;
                float[] w = p.w, g = grads.get(i), mi = m[i], vi = v[i];
                for (int j = 0; j < w.length; j++) {
                    float gj = g[j] * scale;
                    mi[j] = b1 * mi[j] + (1 - b1) * gj;
                    vi[j] = b2 * vi[j] + (1 - b2) * gj * gj;
                    float mh = mi[j] / c1, vh = vi[j] / c2;
                    w[j] = w[j] * decay - rate * mh / ((float) Math.sqrt(vh) + e);
                }
            }
        });
    }
}
