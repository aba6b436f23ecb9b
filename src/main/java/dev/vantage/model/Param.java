package dev.vantage.model;

import dev.vantage.engine.Bf16;
import dev.vantage.engine.Embedding;
import dev.vantage.engine.MatMul;

import java.lang.foreign.MemorySegment;

/**
 * A named weight tensor with its gradient, the name being the checkpoint's. Training holds the
 * weights as a flat float32 array {@code w}; inference may instead read a matrix straight from a
 * memory-mapped bf16 checkpoint ({@code bf16}), so a model larger than the heap still runs.
 */
public final class Param {
    public final String name;
    public final long[] shape;
    public float[] w;
    public float[] g;
    /** Little-endian bf16 elements, mapped from the checkpoint; null when {@code w} holds the weights. */
    MemorySegment bf16;

    Param(String name, boolean allocate, long... shape) {
        this.name = name;
        this.shape = shape;
        long n = numel();
        if (n > Integer.MAX_VALUE - 16) throw new IllegalArgumentException(name + ": " + n + " elements do not fit a Java array; use mapped bf16 weights");
        if (allocate) this.w = new float[(int) n];
    }

    public long numel() {
        long n = 1;
        for (long s : shape) n *= s;
        return n;
    }

    public int size() { return (int) numel(); }

    /** Allocates (or clears) the gradient. */
    public void zeroGrad() {
        if (w == null) throw new IllegalStateException(name + ": weights are mapped bf16 (inference only); load as f32 to train");
        if (g == null) g = new float[w.length];
        else java.util.Arrays.fill(g, 0f);
    }

    /** y[M,N] (+)= x[M,K] W^T with this [N,K] weight, from float32 or mapped bf16. */
    void linear(float[] x, int xOff, float[] y, int yOff, int M, int N, int K, boolean acc) {
        if (w != null) MatMul.xWt(x, xOff, w, 0, y, yOff, M, N, K, acc);
        else MatMul.xWtBf16(x, xOff, bf16, 0, y, yOff, M, N, K, acc);
    }

    /** Copies rows ids[0..n) of this [V, d] table into out. */
    void gatherRows(int[] ids, float[] out, int n, int d) {
        int vocab = (int) shape[0];
        if (w != null) {
            Embedding.gather(w, ids, out, n, d, vocab);
            return;
        }
        for (int t = 0; t < n; t++) {
            Embedding.checkId(ids[t], t, vocab);
            Bf16.toFloats(bf16, 2L * ids[t] * d, out, t * d, d);
        }
    }
}
