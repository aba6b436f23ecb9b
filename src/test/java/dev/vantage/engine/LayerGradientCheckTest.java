package dev.vantage.engine;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kernel's backward against central finite differences of the scalar sum(out * R), R random,
 * accumulated in double.
 */
class LayerGradientCheckTest {
    static float[] rand(int n, long seed, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        return a;
    }

    static double dotR(float[] out, float[] r) {
        double s = 0;
        for (int i = 0; i < out.length; i++) s += (double) out[i] * r[i];
        return s;
    }

    /** Compares analytic gradient `an` of f at x with central differences on every coordinate. */
    static void check(String what, float[] x, float[] an, Function<float[], Double> f) {
        float eps = 1e-2f;
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            float x0 = x[i];
            x[i] = x0 + eps; double lp = f.apply(x);
            x[i] = x0 - eps; double lm = f.apply(x);
            x[i] = x0;
            double fd = (lp - lm) / (2 * eps);
            double err = Math.abs(fd - an[i]) / Math.max(1e-2, Math.abs(fd) + Math.abs(an[i]));
            worst = Math.max(worst, err);
            assertTrue(err < 1e-2, what + "[" + i + "]: fd " + fd + " vs analytic " + an[i]);
        }
        System.out.printf("%-28s %4d coords, worst rel err %.1e%n", what, x.length, worst);
    }

    @Test void rmsNorm() {
        int n = 3, d = 20;
        float[] x = rand(n * d, 1, 1), w = rand(d, 2, 1), r = rand(n * d, 3, 1);
        Function<float[], Double> f = z -> { float[] y = new float[n * d]; RmsNorm.forward(x, w, y, new float[n], n, d, 1e-5f); return dotR(y, r); };
        float[] y = new float[n * d], rstd = new float[n], dx = new float[n * d], dw = new float[d];
        RmsNorm.forward(x, w, y, rstd, n, d, 1e-5f);
        RmsNorm.backward(r, x, w, rstd, dx, dw, n, d);
        check("rmsnorm dx", x, dx, f);
        check("rmsnorm dw", w, dw, f);
    }

    @Test void rope() {
        int n = 5, heads = 2, hd = 8;
        Rope rope = new Rope(hd, 16, 10000);
        int[] pos = {0, 1, 2, 7, 15};
        float[] x = rand(n * heads * hd, 4, 1), r = rand(x.length, 5, 1);
        Function<float[], Double> f = z -> { float[] y = z.clone(); rope.apply(y, pos, n, heads, 1); return dotR(y, r); };
        float[] dx = r.clone();
        rope.apply(dx, pos, n, heads, -1);
        check("rope", x, dx, f);
    }

    @Test void swiGlu() {
        int n = 30;
        float[] g = rand(n, 6, 3), u = rand(n, 7, 2), r = rand(n, 8, 1);
        Function<float[], Double> f = z -> { float[] h = new float[n]; SwiGlu.forward(g, u, h, n); return dotR(h, r); };
        float[] dg = new float[n], du = new float[n];
        SwiGlu.backward(r, g, u, dg, du, n);
        check("swiglu dgate", g, dg, f);
        check("swiglu dup", u, du, f);
    }

    void attention(boolean causal, int heads, int kvHeads, String what) { attention(causal, heads, kvHeads, 0, what); }

    /** dropRate > 0: a fixed attention-dropout mask (drawn once) in every evaluation. */
    void attention(boolean causal, int heads, int kvHeads, double dropRate, String what) {
        int hd = 4;
        int[] qStart = {0, 5}, qLen = {5, 3};
        int[] kStart = causal ? qStart : new int[]{0, 6}, kLen = causal ? qLen : new int[]{6, 4};
        int nq = 8, nk = causal ? 8 : 10;
        float[] q = rand(nq * heads * hd, 9, 1), k = rand(nk * kvHeads * hd, 10, 1), v = rand(nk * kvHeads * hd, 11, 1);
        float[] r = rand(nq * heads * hd, 12, 1);
        Attention.Heads hs = new Attention.Heads(heads, kvHeads, hd);
        Attention.Rows rows = causal ? Attention.Rows.self(qStart, qLen, true) : Attention.Rows.cross(qStart, qLen, kStart, kLen);
        int[] pOff = rows.probOffsets(hs);
        float[] keep = dropRate == 0 ? null : new float[pOff[2]];
        if (keep != null) {
            java.util.SplittableRandom rng = new java.util.SplittableRandom(21);
            for (int i = 0; i < keep.length; i++) keep[i] = rng.nextDouble() < dropRate ? 0f : (float) (1 / (1 - dropRate));
        }
        Function<float[], Double> f = z -> {
            float[] o = new float[nq * heads * hd];
            Attention.forward(hs, rows, new Attention.Tensors(q, k, v, o, new float[pOff[2]], pOff, keep));
            return dotR(o, r);
        };
        float[] o = new float[nq * heads * hd], p = new float[pOff[2]];
        Attention.Tensors t = new Attention.Tensors(q, k, v, o, p, pOff, keep);
        Attention.forward(hs, rows, t);
        float[] dq = new float[q.length], dk = new float[k.length], dv = new float[v.length];
        Attention.backward(hs, rows, t, new Attention.Grads(r, dq, dk, dv));
        check(what + " dq", q, dq, f);
        check(what + " dk", k, dk, f);
        check(what + " dv", v, dv, f);
    }

    @Test void causalGroupedQueryAttention() { attention(true, 4, 2, "attention causal gqa"); }

    @Test void bidirectionalCrossAttention() { attention(false, 4, 1, "attention bidir mqa"); }

    @Test void multiHeadAttention() { attention(true, 2, 2, "attention causal mha"); }

    @Test void attentionWithDropout() {
        attention(true, 4, 2, 0.3, "attention causal gqa, dropout");
        attention(false, 4, 1, 0.3, "attention cross mqa, dropout");
    }

    @Test void crossEntropy() {
        int n = 3, V = 7;
        float[] logits = rand(n * V, 13, 2);
        int[] t = {1, 6, 0};
        Function<float[], Double> f = z -> CrossEntropy.forwardBackward(z.clone(), t, n, V, false, 1f);
        float[] g = logits.clone();
        CrossEntropy.forwardBackward(g, t, n, V, true, 1f);
        check("cross-entropy", logits, g, f);
    }

    @Test void embedding() {
        int V = 6, d = 5, n = 4;
        int[] ids = {2, 0, 2, 5};
        float[] table = rand(V * d, 14, 1), r = rand(n * d, 15, 1);
        Function<float[], Double> f = z -> { float[] o = new float[n * d]; Embedding.gather(z, ids, o, n, d, V); return dotR(o, r); };
        float[] dt = new float[V * d];
        Embedding.scatterAdd(dt, ids, r, n, d);
        check("embedding", table, dt, f);
    }

    @Test void linearLayer() {
        int M = 5, N = 7, K = 9;
        float[] x = rand(M * K, 16, 1), w = rand(N * K, 17, 1), r = rand(M * N, 18, 1);
        Function<float[], Double> f = z -> { float[] y = new float[M * N]; MatMul.xWt(x, 0, w, 0, y, 0, M, N, K, false); return dotR(y, r); };
        float[] dx = new float[M * K], dw = new float[N * K];
        MatMul.xW(r, 0, w, 0, dx, 0, M, N, K, false);
        MatMul.xtY(r, 0, x, 0, dw, 0, M, N, K, false);
        check("linear dx", x, dx, f);
        check("linear dw", w, dw, f);
    }
}
