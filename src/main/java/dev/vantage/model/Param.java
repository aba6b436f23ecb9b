package dev.vantage.model;

import dev.vantage.engine.Bf16;
import dev.vantage.engine.Embedding;
import dev.vantage.engine.MatMul;

import java.lang.foreign.MemorySegment;

/**
 * A named weight tensor, the name being the checkpoint's; its storage is fixed when the model is
 * built. Either a flat float32 array {@code w}, or (inference only) a matrix read straight from a
 * memory-mapped bf16 checkpoint, so a model larger than the heap still runs. The model only reads
 * weights, so any number of threads may share them; the one writer is the optimizer, between
 * training steps. Gradients live apart, in {@link Gradients}.
 */
public final class Param {
    /** Position in checkpoint order: the index of this weight's gradient and optimizer moments. */
    final int index;
    public final String name;
    public final long[] shape;
    /** The weights [shape] in float32; null when they are mapped bf16. */
    public final float[] w;
    /** Little-endian bf16 elements, mapped from the checkpoint; null when {@code w} holds the weights. */
    final MemorySegment bf16;

    private Param(int index, ModelLayout.Tensor t, float[] w, MemorySegment bf16) {
        this.index = index;
        this.name = t.name();
        this.shape = t.shape();
        this.w = w;
        this.bf16 = bf16;
        if (w != null && w.length != t.numel()) throw new IllegalArgumentException(name + ": " + w.length + " values for shape " + java.util.Arrays.toString(shape));
    }

    /** A float32 weight: zeros, or values read from a checkpoint. */
    static Param heap(int index, ModelLayout.Tensor t, float[] values) {
        return new Param(index, t, values, null);
    }

    static Param zeros(int index, ModelLayout.Tensor t) {
        long n = t.numel();
        if (n > Integer.MAX_VALUE - 16) throw new IllegalArgumentException(t.name() + ": " + n + " elements do not fit a Java array; use mapped bf16 weights");
        return heap(index, t, new float[(int) n]);
    }

    /** A bf16 matrix read in place from a mapped checkpoint (inference only). */
    static Param mapped(int index, ModelLayout.Tensor t, MemorySegment bf16) {
        return new Param(index, t, null, bf16);
    }

    public long numel() {
        long n = 1;
        for (long s : shape) n *= s;
        return n;
    }

    public int size() { return (int) numel(); }

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
