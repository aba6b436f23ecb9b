package dev.vantage.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Softmax cross-entropy over rows of logits, with the gradient written in place of the logits. */
public final class CrossEntropy {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private CrossEntropy() {}

    /** log(sum exp(x[off..off+n))) as the loss computes it (vector max, vector EXP, sum in float lanes then double); one thread. */
    public static double logSumExp(float[] x, int off, int n) {
        int ub = S.loopBound(n), j = 0;
        FloatVector vmax = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (; j < ub; j += S.length()) vmax = vmax.max(FloatVector.fromArray(S, x, off + j));
        float max = vmax.reduceLanes(VectorOperators.MAX);
        for (; j < n; j++) max = Math.max(max, x[off + j]);
        FloatVector vsum = FloatVector.zero(S);
        for (j = 0; j < ub; j += S.length()) vsum = vsum.add(FloatVector.fromArray(S, x, off + j).sub(max).lanewise(VectorOperators.EXP));
        double sum = vsum.reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) sum += Math.exp(x[off + j] - max);
        return max + Math.log(sum);
    }

    /** Returns the summed loss over n rows; when grad, replaces logits with scale * (softmax - onehot). */
    public static double forwardBackward(float[] logits, int[] targets, int n, int vocab, boolean grad, float scale) {
        double[] losses = new double[n];
        Parallel.forRange(n, (s, e) -> {
            for (int r = s; r < e; r++) {
                int o = r * vocab, ub = S.loopBound(vocab);
                FloatVector vmax = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
                int j = 0;
                for (; j < ub; j += S.length()) vmax = vmax.max(FloatVector.fromArray(S, logits, o + j));
                float max = vmax.reduceLanes(VectorOperators.MAX);
                for (; j < vocab; j++) max = Math.max(max, logits[o + j]);
                FloatVector vsum = FloatVector.zero(S);
                for (j = 0; j < ub; j += S.length())
                    vsum = vsum.add(FloatVector.fromArray(S, logits, o + j).sub(max).lanewise(VectorOperators.EXP));
                double sum = vsum.reduceLanes(VectorOperators.ADD);
                for (; j < vocab; j++) sum += Math.exp(logits[o + j] - max);
                double lse = max + Math.log(sum);
                int t = targets[r];
                if (t < 0 || t >= vocab) throw new IllegalArgumentException("target id " + t + " outside vocabulary [0, " + vocab + ")");
                losses[r] = lse - logits[o + t];
                if (grad) {
                    float flse = (float) lse;
                    for (j = 0; j < ub; j += S.length())
                        FloatVector.fromArray(S, logits, o + j).sub(flse).lanewise(VectorOperators.EXP).mul(scale).intoArray(logits, o + j);
                    for (; j < vocab; j++) logits[o + j] = (float) (Math.exp(logits[o + j] - lse) * scale);
                    logits[o + t] -= scale;
                }
            }
        });
        double total = 0;
        for (double l : losses) total += l;
        return total;
    }
}
