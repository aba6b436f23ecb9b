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
 * kept (one qLen x kLen block per row and head) for backward. Each head runs as small GEMMs on the
 * shared kernel (strided operands, no copies). Work is split over (row, kv head) so
 * that the heads sharing a kv head accumulate their key/value gradients without races.
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
        Parallel.forRange(rows * kvHeads, (s, e) -> {
            for (int task = s; task < e; task++) {
                int b = task / kvHeads, kh = task % kvHeads, nq = qLen[b], nk = kLen[b];
                int ko = kStart[b] * kw + kh * hd;
                for (int h = kh * group; h < (kh + 1) * group; h++) {
                    int pb = pOff[b] + h * nq * nk, qo = qStart[b] * qw + h * hd;
                    MatMul.gemm(nq, nk, hd, q, qo, qw, 1, MatMul.Operand.of(k, ko, 1, kw), p, pb, nk, false);   // Q K^T
                    for (int i = 0; i < nq; i++) softmaxRow(p, pb + i * nk, causal ? i + 1 : nk, nk, scale);
                    MatMul.gemm(nq, hd, nk, p, pb, nk, 1, MatMul.Operand.of(v, ko, kw, 1), out, qo, qw, false); // P V
                }
            }
        });
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
        int maxBlock = 0;
        for (int b = 0; b < rows; b++) maxBlock = Math.max(maxBlock, qLen[b] * kLen[b]);
        final int mb = maxBlock;
        Parallel.forRange(rows * kvHeads, (s, e) -> {
            float[] ds = new float[mb];
            for (int task = s; task < e; task++) {
                int b = task / kvHeads, kh = task % kvHeads, nq = qLen[b], nk = kLen[b];
                int ko = kStart[b] * kw + kh * hd;
                for (int h = kh * group; h < (kh + 1) * group; h++) {
                    int pb = pOff[b] + h * nq * nk, qo = qStart[b] * qw + h * hd;
                    MatMul.gemm(nq, nk, hd, dout, qo, qw, 1, MatMul.Operand.of(v, ko, 1, kw), ds, 0, nk, false);  // dP = dO V^T
                    for (int i = 0; i < nq; i++) {
                        int r = i * nk, pr = pb + r, lim = causal ? i + 1 : nk;
                        float dot = 0;
                        for (int j = 0; j < lim; j++) dot += p[pr + j] * ds[r + j];
                        for (int j = 0; j < lim; j++) ds[r + j] = p[pr + j] * (ds[r + j] - dot) * scale;
                        for (int j = lim; j < nk; j++) ds[r + j] = 0f;
                    }
                    MatMul.gemm(nq, hd, nk, ds, 0, nk, 1, MatMul.Operand.of(k, ko, kw, 1), dq, qo, qw, true);     // dQ += dS K
                    MatMul.gemm(nk, hd, nq, ds, 0, 1, nk, MatMul.Operand.of(q, qo, qw, 1), dk, ko, kw, true);     // dK += dS^T Q
                    MatMul.gemm(nk, hd, nq, p, pb, 1, nk, MatMul.Operand.of(dout, qo, qw, 1), dv, ko, kw, true);  // dV += P^T dO
                }
            }
        });
    }
}
