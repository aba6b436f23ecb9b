package dev.vantage.model;

import java.util.SplittableRandom;

/**
 * Hidden dropout on one residual branch: h_out = h_in + mask * branch(h_in), mask in {0, 1/keep}.
 * The blocks add their output straight into h, so the branch is recovered as h_out - h_in; that
 * keeps dropout out of every block's own forward and backward.
 *
 * Backward: the block's backward turns a gradient g of its output into g plus d(input). Fed
 * mask * dh instead of dh, it returns mask * dh + d(input); the residual path carries dh unchanged,
 * so the total is dh + (returned - mask * dh).
 */
final class ResidualDropout {
    private float[] before, mask, branchGrad;   // [n, d] each
    private boolean active;

    /** Call before the block runs; p = 0 or rng == null turns this into a no-op (inference, checks). */
    void begin(float[] h, int n, int d, double p, SplittableRandom rng) {
        active = rng != null && p > 0;
        if (active) before = Buffers.copy(h, before, n * d);
    }

    /** Call after the block has added its output into h: scales the branch by a fresh mask. */
    void end(float[] h, int n, int d, double p, SplittableRandom rng) {
        if (!active) return;
        int m = n * d;
        drawMask(m, p, rng);
        for (int i = 0; i < m; i++) h[i] = before[i] + mask[i] * (h[i] - before[i]);
    }

    /** mask[0, m) = 0 with probability p, else 1/(1-p), so the expected output is unchanged. */
    private void drawMask(int m, double p, SplittableRandom rng) {
        mask = Buffers.grow(mask, m);
        float scale = (float) (1 / (1 - p));
        for (int i = 0; i < m; i++) mask[i] = rng.nextDouble() < p ? 0f : scale;
    }

    /** The gradient to hand the block's backward instead of dh (dh itself when inactive). */
    float[] branchGradient(float[] dh, int n, int d) {
        if (!active) return dh;
        int m = n * d;
        branchGrad = Buffers.grow(branchGrad, m);
        for (int i = 0; i < m; i++) branchGrad[i] = mask[i] * dh[i];
        return branchGrad;
    }

    /** After the block's backward ran on {@link #branchGradient}: folds its input gradient into dh. */
    void finishBackward(float[] dh, int n, int d) {
        if (!active) return;
        for (int i = 0, m = n * d; i < m; i++) dh[i] += branchGrad[i] - mask[i] * dh[i];
    }

    /** Embedding dropout: h = mask * h in place (no residual to keep). */
    void applyInPlace(float[] h, int n, int d, double p, SplittableRandom rng) {
        active = rng != null && p > 0;
        if (!active) return;
        int m = n * d;
        drawMask(m, p, rng);
        for (int i = 0; i < m; i++) h[i] *= mask[i];
    }

    /** Backward of {@link #applyInPlace}: dh = mask * dh. */
    void backwardInPlace(float[] dh, int n, int d) {
        if (!active) return;
        for (int i = 0, m = n * d; i < m; i++) dh[i] *= mask[i];
    }
}
