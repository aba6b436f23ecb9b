package dev.vantage.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** The gated activation of SwiGLU: h = silu(g) * u, silu(z) = z sigmoid(z). Vectorized, split over cores. */
public final class SwiGlu {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int CHUNK = 1 << 14;

    private SwiGlu() {}

    public static void forward(float[] g, float[] u, float[] h, int n) { forward(g, u, h, 0, n); }

    /** Elements [off, off + n). */
    public static void forward(float[] g, float[] u, float[] h, int off, int n) {
        Parallel.forChunks(n, chunks(n), (c, s0, e0) -> {
            int s = off + s0, e = off + e0;
            int i = s, ub = s + S.loopBound(e - s);
            for (; i < ub; i += S.length()) {
                FloatVector z = FloatVector.fromArray(S, g, i);
                FloatVector sig = z.neg().lanewise(VectorOperators.EXP).add(1f);
                z.div(sig).mul(FloatVector.fromArray(S, u, i)).intoArray(h, i);
            }
            for (; i < e; i++) h[i] = g[i] / (1f + (float) Math.exp(-g[i])) * u[i];
        });
    }

    /** Given dh, writes dg and du (overwriting). */
    public static void backward(float[] dh, float[] g, float[] u, float[] dg, float[] du, int n) { backward(dh, g, u, dg, du, 0, n); }

    /** Elements [off, off + n). */
    public static void backward(float[] dh, float[] g, float[] u, float[] dg, float[] du, int off, int n) {
        Parallel.forChunks(n, chunks(n), (c, s0, e0) -> {
            int s = off + s0, e = off + e0;
            int i = s, ub = s + S.loopBound(e - s);
            for (; i < ub; i += S.length()) {
                FloatVector z = FloatVector.fromArray(S, g, i), d = FloatVector.fromArray(S, dh, i);
                FloatVector sg = FloatVector.broadcast(S, 1f).div(z.neg().lanewise(VectorOperators.EXP).add(1f));
                d.mul(z).mul(sg).intoArray(du, i);
                // silu'(z) = sg (1 + z (1 - sg))
                FloatVector dsilu = sg.mul(z.mul(sg.neg().add(1f)).add(1f));
                d.mul(FloatVector.fromArray(S, u, i)).mul(dsilu).intoArray(dg, i);
            }
            for (; i < e; i++) {
                float z = g[i], sg = 1f / (1f + (float) Math.exp(-z));
                du[i] = dh[i] * z * sg;
                dg[i] = dh[i] * u[i] * sg * (1f + z * (1f - sg));
            }
        });
    }

    private static int chunks(int n) { return Math.min(Parallel.THREADS, Math.max(1, n / CHUNK)); }
}
