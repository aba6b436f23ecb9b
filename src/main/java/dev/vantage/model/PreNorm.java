package dev.vantage.model;

import dev.vantage.engine.RmsNorm;

/** The RMSNorm every block starts with; keeps its input and statistics for backward. */
final class PreNorm {
    private final Param weight;
    private final float eps;
    private float[] x, out, rstd;

    PreNorm(Param weight, ModelConfig cfg) {
        this.weight = weight;
        this.eps = (float) cfg.rmsNormEps();
    }

    /** RMSNorm of the first n rows of h [n, d]; the returned buffer is reused by the next call. */
    float[] forward(float[] h, int n, int d) {
        x = Buffers.copy(h, x, n * d);
        out = Buffers.grow(out, n * d);
        rstd = Buffers.grow(rstd, n);
        RmsNorm.forward(x, weight.w, out, rstd, n, d, eps);
        return out;
    }

    /** Adds d(loss)/d(input) to dh given d(loss)/d(output); accumulates the weight's gradient. */
    void backward(float[] dOut, float[] dh, int n, int d) {
        RmsNorm.backward(dOut, x, weight.w, rstd, dh, weight.g, n, d);
    }
}
