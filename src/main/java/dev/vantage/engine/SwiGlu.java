package dev.vantage.engine;

/** The gated activation of SwiGLU: h = silu(g) * u, silu(z) = z sigmoid(z). */
public final class SwiGlu {
    private SwiGlu() {}

    public static void forward(float[] g, float[] u, float[] h, int n) {
        for (int i = 0; i < n; i++) {
            float z = g[i];
            h[i] = z / (1f + (float) Math.exp(-z)) * u[i];
        }
    }

    /** Given dh, writes dg and du (overwriting). */
    public static void backward(float[] dh, float[] g, float[] u, float[] dg, float[] du, int n) {
        for (int i = 0; i < n; i++) {
            float z = g[i];
            float sg = 1f / (1f + (float) Math.exp(-z));
            float silu = z * sg;
            du[i] = dh[i] * silu;
            dg[i] = dh[i] * u[i] * sg * (1f + z * (1f - sg));
        }
    }
}
