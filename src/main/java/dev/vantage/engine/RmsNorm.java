package dev.vantage.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** y = x / sqrt(mean(x^2) + eps) * w, row by row; rstd per row is kept for backward. */
public final class RmsNorm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private RmsNorm() {}

    public static void forward(float[] x, float[] w, float[] y, float[] rstd, int n, int d, float eps) {
        Parallel.forRange(n, (s, e) -> {
            for (int i = s; i < e; i++) {
                int o = i * d;
                float ss = sumSquares(x, o, d);
                float r = (float) (1.0 / Math.sqrt(ss / d + eps));
                rstd[i] = r;
                int j = 0, ub = S.loopBound(d);
                FloatVector vr = FloatVector.broadcast(S, r);
                for (; j < ub; j += S.length())
                    FloatVector.fromArray(S, x, o + j).mul(vr).mul(FloatVector.fromArray(S, w, j)).intoArray(y, o + j);
                for (; j < d; j++) y[o + j] = x[o + j] * r * w[j];
            }
        });
    }

    /**
     * dx += (w*dy) r - x r^3 mean(x * w * dy); dw += sum over rows of dy * x r.
     * dw is accumulated per thread then added, so rows can run in parallel.
     */
    public static void backward(float[] dy, float[] x, float[] w, float[] rstd, float[] dx, float[] dw, int n, int d) {
        int chunks = Math.min(Parallel.THREADS, Math.max(1, n / 16));
        float[][] partial = new float[chunks][];
        Parallel.forChunks(n, chunks, (c, s, e) -> {
            float[] dwp = new float[d];
            int ub = S.loopBound(d), step = S.length();
            for (int i = s; i < e; i++) {
                int o = i * d;
                float r = rstd[i];
                FloatVector acc = FloatVector.zero(S);
                int j = 0;
                for (; j < ub; j += step)
                    acc = FloatVector.fromArray(S, dy, o + j).mul(FloatVector.fromArray(S, w, j)).fma(FloatVector.fromArray(S, x, o + j), acc);
                float dot = acc.reduceLanes(VectorOperators.ADD);
                for (; j < d; j++) dot += dy[o + j] * w[j] * x[o + j];
                float k = dot * r * r * r / d;
                FloatVector vr = FloatVector.broadcast(S, r), vk = FloatVector.broadcast(S, -k);
                for (j = 0; j < ub; j += step) {
                    FloatVector g = FloatVector.fromArray(S, dy, o + j), xv = FloatVector.fromArray(S, x, o + j);
                    g.mul(FloatVector.fromArray(S, w, j)).fma(vr, xv.fma(vk, FloatVector.fromArray(S, dx, o + j))).intoArray(dx, o + j);
                    g.mul(xv).fma(vr, FloatVector.fromArray(S, dwp, j)).intoArray(dwp, j);
                }
                for (; j < d; j++) {
                    dx[o + j] += dy[o + j] * w[j] * r - x[o + j] * k;
                    dwp[j] += dy[o + j] * x[o + j] * r;
                }
            }
            partial[c] = dwp;
        });
        for (float[] p : partial) for (int j = 0; j < d; j++) dw[j] += p[j];
    }

    static float sumSquares(float[] x, int o, int n) {
        FloatVector acc = FloatVector.zero(S);
        int j = 0, ub = S.loopBound(n);
        for (; j < ub; j += S.length()) { FloatVector v = FloatVector.fromArray(S, x, o + j); acc = v.fma(v, acc); }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) s += x[o + j] * x[o + j];
        return s;
    }
}
