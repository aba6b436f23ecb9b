package dev.vantage.engine;

/**
 * Rotary position embedding, HF "rotate_half" convention: within each head, element i pairs with
 * i + hd/2 and both rotate by p * theta^(-2i/hd). Backward is the rotation by the opposite angle.
 */
public final class Rope {
    private final int headDim, maxPos;
    private final float[] cos, sin;

    public Rope(int headDim, int maxPos, double theta) {
        this.headDim = headDim;
        this.maxPos = maxPos;
        int half = headDim / 2;
        cos = new float[maxPos * half];
        sin = new float[maxPos * half];
        for (int p = 0; p < maxPos; p++)
            for (int i = 0; i < half; i++) {
                double a = p * Math.pow(theta, -2.0 * i / headDim);
                cos[p * half + i] = (float) Math.cos(a);
                sin[p * half + i] = (float) Math.sin(a);
            }
    }

    /** Rotates x [n, heads*hd] in place; token t sits at position pos[t]. sign -1 undoes (backward). */
    public void apply(float[] x, int[] pos, int n, int heads, int sign) {
        int half = headDim / 2, width = heads * headDim;
        Parallel.forRange(n, (s, e) -> {
            for (int t = s; t < e; t++) {
                int p = pos[t];
                if (p >= maxPos) throw new IllegalArgumentException("position " + p + " >= max_position_embeddings " + maxPos);
                int cb = p * half;
                for (int h = 0; h < heads; h++) {
                    int o = t * width + h * headDim;
                    for (int i = 0; i < half; i++) {
                        float c = cos[cb + i], sn = sign * sin[cb + i];
                        float a = x[o + i], b = x[o + i + half];
                        x[o + i] = a * c - b * sn;
                        x[o + i + half] = b * c + a * sn;
                    }
                }
            }
        });
    }
}
