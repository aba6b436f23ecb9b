package dev.vantage.model;

import java.util.Arrays;
import java.util.List;

/**
 * d(loss)/d(weights), mirroring the model's parameters: buffer i has the shape of param i (checkpoint
 * order), so {@code of(p)} is p's gradient. Owned by one {@link TrainingState}; backward accumulates
 * into it. One array per tensor rather than one flat block as llm.c does: a Java array holds at most
 * 2^31 elements, and per-tensor arrays let every kernel take a gradient without an offset.
 */
public final class Gradients {
    private final List<Param> params;
    private final float[][] g;   // g[i]: [params.get(i).shape]

    public Gradients(List<Param> params) {
        this.params = params;
        g = new float[params.size()][];
        for (int i = 0; i < g.length; i++) {
            Param p = params.get(i);
            if (p.index != i) throw new IllegalArgumentException(p.name + " is param " + p.index + " of its model, listed at " + i);
            if (p.w == null) throw new IllegalStateException(p.name + ": weights are mapped bf16 (inference only); load as f32 to train");
            g[i] = new float[p.size()];
        }
    }

    /** The gradient of p [p.shape]. */
    public float[] of(Param p) { return g[p.index]; }

    /** The gradient of param i [params.get(i).shape]. */
    public float[] get(int i) { return g[i]; }

    public int size() { return g.length; }

    public List<Param> params() { return params; }

    public void zero() { for (float[] a : g) Arrays.fill(a, 0f); }

    /** Global L2 norm over every gradient, summed in double. */
    public double norm() {
        double s = 0;
        for (float[] a : g) for (float v : a) s += (double) v * v;
        return Math.sqrt(s);
    }
}
