package dev.vantage.model;

import dev.vantage.engine.RmsNorm;

/**
 * The RMSNorm a block starts with, as a training forward keeps it for backward: the input (a copy,
 * since the block then adds into h in place), the output and the statistics.
 */
final class NormActivations {
    float[] in;     // [n, d] the block's input h
    float[] out;    // [n, d] RMSNorm(h): the block's normalized input
    float[] rstd;   // [n] 1 / rms of each row

    /** RMSNorm of the first n rows of h [n, d] with weight w [d]; returns {@link #out}. */
    float[] forward(float[] w, float eps, float[] h, int n, int d) {
        in = Buffers.copy(h, in, n * d);
        out = Buffers.grow(out, n * d);
        rstd = Buffers.grow(rstd, n);
        RmsNorm.forward(in, w, out, rstd, n, d, eps);
        return out;
    }

    /** Adds d(loss)/d(input) to dh given d(loss)/d(out); accumulates the weight's gradient into gw [d]. */
    void backward(float[] w, float[] gw, float[] dOut, float[] dh, int n, int d) {
        RmsNorm.backward(dOut, in, w, rstd, dh, gw, n, d);
    }
}
