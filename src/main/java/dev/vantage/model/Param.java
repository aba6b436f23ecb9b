package dev.vantage.model;

/** A named weight tensor with its gradient, both flat float32 arrays; the name is the checkpoint's. */
public final class Param {
    public final String name;
    public final long[] shape;
    public final float[] w;
    public float[] g;

    Param(String name, long... shape) {
        this.name = name;
        this.shape = shape;
        long n = 1;
        for (long s : shape) n *= s;
        if (n > Integer.MAX_VALUE - 16) throw new IllegalArgumentException(name + ": " + n + " elements do not fit a Java array; use mapped bf16 weights");
        this.w = new float[(int) n];
    }

    public int size() { return w.length; }

    /** Allocates (or clears) the gradient. */
    public void zeroGrad() {
        if (g == null) g = new float[w.length];
        else java.util.Arrays.fill(g, 0f);
    }
}
