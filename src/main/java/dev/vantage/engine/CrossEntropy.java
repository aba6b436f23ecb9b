package dev.vantage.engine;

/** Softmax cross-entropy over rows of logits, with the gradient written in place of the logits. */
public final class CrossEntropy {
    private CrossEntropy() {}

    /**
     * Returns the summed loss over n rows; when grad, replaces logits with scale * (softmax - onehot).
     * Computed in double so that the finite-difference checks see the float32 forward exactly.
     */
    public static double forwardBackward(float[] logits, int[] targets, int n, int vocab, boolean grad, float scale) {
        double[] losses = new double[n];
        Parallel.forRange(n, (s, e) -> {
            for (int r = s; r < e; r++) {
                int o = r * vocab;
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < vocab; j++) max = Math.max(max, logits[o + j]);
                double sum = 0;
                for (int j = 0; j < vocab; j++) sum += Math.exp(logits[o + j] - max);
                double lse = max + Math.log(sum);
                int t = targets[r];
                losses[r] = lse - logits[o + t];
                if (grad) {
                    for (int j = 0; j < vocab; j++) logits[o + j] = (float) (Math.exp(logits[o + j] - lse) * scale);
                    logits[o + t] -= scale;
                }
            }
        });
        double total = 0;
        for (double l : losses) total += l;
        return total;
    }
}
