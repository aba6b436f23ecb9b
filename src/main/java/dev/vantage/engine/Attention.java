package dev.vantage.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Scaled dot-product attention over packed sequences with grouped-query heads.
 *
 * <p>Tokens of all rows sit back to back (no padding): row b's queries are rows
 * [qStart[b], qStart[b]+qLen[b]) of q, its keys/values rows [kStart[b], kStart[b]+kLen[b]) of k and v.
 * Padding therefore never enters a softmax. Head h reads kv head h / (H / Hkv). The probabilities are
 * kept (one qLen x kLen block per row and head) for backward. The heads sharing a KV head are stacked
 * into one [group * qLen, hd] block, so each (row, KV head) runs as three GEMMs on the shared kernel.
 * Work is split over (row, KV head), so key/value gradients accumulate without races.
 */
public final class Attention {
    private static final VectorSpecies<Float> SP = FloatVector.SPECIES_PREFERRED;

    private Attention() {}

    /** Offsets of each row's probability blocks in the P buffer; the last entry is the total size. */
    public static int[] probOffsets(int[] qLen, int[] kLen, int heads) {
        int[] off = new int[qLen.length + 1];
        for (int b = 0; b < qLen.length; b++) off[b + 1] = off[b] + heads * qLen[b] * kLen[b];
        return off;
    }

    public static void forward(float[] q, float[] k, float[] v, float[] out, float[] p, int[] pOff,
                               int[] qStart, int[] qLen, int[] kStart, int[] kLen,
                               int heads, int kvHeads, int hd, boolean causal) {
        int rows = qLen.length, group = heads / kvHeads, qw = heads * hd, kw = kvHeads * hd;
        float scale = (float) (1.0 / Math.sqrt(hd));
        int maxQ = max(qLen);
        Parallel.forRange(rows * kvHeads, (s, e) -> {
            float[] qg = new float[group * maxQ * hd], og = new float[group * maxQ * hd];
            for (int task = s; task < e; task++) {
                int b = task / kvHeads, kh = task % kvHeads, nq = qLen[b], nk = kLen[b], h0 = kh * group;
                int ko = kStart[b] * kw + kh * hd, pb = pOff[b] + h0 * nq * nk, m = group * nq;
                gatherGroup(q, qStart[b], nq, qw, h0, group, hd, qg);
                MatMul.gemm(m, nk, hd, qg, 0, hd, 1, MatMul.Operand.of(k, ko, 1, kw), p, pb, nk, false);   // Q K^T
                for (int r = 0; r < m; r++) softmaxRow(p, pb + r * nk, causal ? r % nq + 1 : nk, nk, scale);
                MatMul.gemm(m, hd, nk, p, pb, nk, 1, MatMul.Operand.of(v, ko, kw, 1), og, 0, hd, false);   // P V
                scatterGroup(og, out, qStart[b], nq, qw, h0, group, hd, false);
            }
        });
    }

    /**
     * Attention of one query row against nk keys and values (decoding): for each head h,
     * out[h] = softmax(q[h] K[kvh]^T / sqrt(hd)) V[kvh] with kvh = h / (heads / kvHeads).
     * q [heads*hd] at qOff; k, v [nk, kvHeads*hd] from offset 0; out [heads*hd] at outOff (overwritten);
     * scores [>= nk] is the caller's scratch. Single-threaded and allocation-free, so any number of
     * threads may run it on their own buffers; the softmax is the one {@link #forward} uses.
     */
    public static void singleQuery(float[] q, int qOff, float[] k, float[] v, int nk, float[] out, int outOff,
                                   int heads, int kvHeads, int hd, float[] scores) {
        int group = heads / kvHeads, kw = kvHeads * hd;
        float scale = (float) (1.0 / Math.sqrt(hd));
        for (int h = 0; h < heads; h++) {
            int ko = (h / group) * hd, qo = qOff + h * hd, oo = outOff + h * hd;
            for (int j = 0; j < nk; j++) scores[j] = MatMul.dot(q, qo, k, j * kw + ko, hd);
            softmaxRow(scores, 0, nk, nk, scale);
            java.util.Arrays.fill(out, oo, oo + hd, 0f);
            for (int j = 0; j < nk; j++) MatMul.axpy(scores[j], v, j * kw + ko, out, oo, hd);
        }
    }

    /** The queries of heads h0..h0+group-1 of one row, stacked head-major into [group * nq, hd]. */
    private static void gatherGroup(float[] x, int start, int nq, int width, int h0, int group, int hd, float[] dst) {
        for (int g = 0; g < group; g++)
            for (int i = 0; i < nq; i++) System.arraycopy(x, (start + i) * width + (h0 + g) * hd, dst, (g * nq + i) * hd, hd);
    }

    private static void scatterGroup(float[] src, float[] x, int start, int nq, int width, int h0, int group, int hd, boolean add) {
        for (int g = 0; g < group; g++)
            for (int i = 0; i < nq; i++) {
                int o = (start + i) * width + (h0 + g) * hd, so = (g * nq + i) * hd;
                if (add) MatMul.axpy(1f, src, so, x, o, hd);
                else System.arraycopy(src, so, x, o, hd);
            }
    }

    private static int max(int[] a) {
        int m = 0;
        for (int x : a) m = Math.max(m, x);
        return m;
    }

    /** Softmax of scale * row[0..lim); entries lim..n (masked) become 0. */
    private static void softmaxRow(float[] p, int o, int lim, int n, float scale) {
        int ub = SP.loopBound(lim), j = 0;
        FloatVector vmax = FloatVector.broadcast(SP, Float.NEGATIVE_INFINITY);
        for (; j < ub; j += SP.length()) vmax = vmax.max(FloatVector.fromArray(SP, p, o + j));
        float max = vmax.reduceLanes(VectorOperators.MAX);
        for (; j < lim; j++) max = Math.max(max, p[o + j]);
        max *= scale;
        FloatVector vsum = FloatVector.zero(SP);
        for (j = 0; j < ub; j += SP.length()) {
            FloatVector ex = FloatVector.fromArray(SP, p, o + j).mul(scale).sub(max).lanewise(VectorOperators.EXP);
            ex.intoArray(p, o + j);
            vsum = vsum.add(ex);
        }
        float sum = vsum.reduceLanes(VectorOperators.ADD);
        for (; j < lim; j++) { float ex = (float) Math.exp(p[o + j] * scale - max); p[o + j] = ex; sum += ex; }
        float inv = 1f / sum;
        for (j = 0; j < ub; j += SP.length()) FloatVector.fromArray(SP, p, o + j).mul(inv).intoArray(p, o + j);
        for (; j < lim; j++) p[o + j] *= inv;
        for (j = lim; j < n; j++) p[o + j] = 0f;
    }

    /** Accumulates dq, dk, dv (callers zero them first) from dout. */
    public static void backward(float[] dout, float[] q, float[] k, float[] v, float[] p, int[] pOff,
                                float[] dq, float[] dk, float[] dv,
                                int[] qStart, int[] qLen, int[] kStart, int[] kLen,
                                int heads, int kvHeads, int hd, boolean causal) {
        int rows = qLen.length, group = heads / kvHeads, qw = heads * hd, kw = kvHeads * hd;
        float scale = (float) (1.0 / Math.sqrt(hd));
        int maxQ = max(qLen), maxK = max(kLen);
        Parallel.forRange(rows * kvHeads, (s, e) -> {
            float[] qg = new float[group * maxQ * hd], dog = new float[group * maxQ * hd], dqg = new float[group * maxQ * hd];
            float[] ds = new float[group * maxQ * maxK];
            for (int task = s; task < e; task++) {
                int b = task / kvHeads, kh = task % kvHeads, nq = qLen[b], nk = kLen[b], h0 = kh * group;
                int ko = kStart[b] * kw + kh * hd, pb = pOff[b] + h0 * nq * nk, m = group * nq;
                gatherGroup(q, qStart[b], nq, qw, h0, group, hd, qg);
                gatherGroup(dout, qStart[b], nq, qw, h0, group, hd, dog);
                MatMul.gemm(m, nk, hd, dog, 0, hd, 1, MatMul.Operand.of(v, ko, 1, kw), ds, 0, nk, false);  // dP = dO V^T
                for (int r = 0; r < m; r++) {
                    int ro = r * nk, pr = pb + ro, lim = causal ? r % nq + 1 : nk;
                    float dot = 0;
                    for (int j = 0; j < lim; j++) dot += p[pr + j] * ds[ro + j];
                    for (int j = 0; j < lim; j++) ds[ro + j] = p[pr + j] * (ds[ro + j] - dot) * scale;
                    for (int j = lim; j < nk; j++) ds[ro + j] = 0f;
                }
                MatMul.gemm(m, hd, nk, ds, 0, nk, 1, MatMul.Operand.of(k, ko, kw, 1), dqg, 0, hd, false);     // dQ = dS K
                MatMul.gemm(nk, hd, m, ds, 0, 1, nk, MatMul.Operand.of(qg, 0, hd, 1), dk, ko, kw, true);       // dK += dS^T Q
                MatMul.gemm(nk, hd, m, p, pb, 1, nk, MatMul.Operand.of(dog, 0, hd, 1), dv, ko, kw, true);      // dV += P^T dO
                scatterGroup(dqg, dq, qStart[b], nq, qw, h0, group, hd, true);
            }
        });
    }
}
