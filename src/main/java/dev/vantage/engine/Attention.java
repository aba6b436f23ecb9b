package dev.vantage.engine;

/**
 * Scaled dot-product attention over packed sequences with grouped-query heads.
 *
 * <p>Tokens of all rows sit back to back (no padding): row b's queries are rows
 * [qStart[b], qStart[b]+qLen[b]) of q, its keys/values rows [kStart[b], kStart[b]+kLen[b]) of k and v.
 * Padding therefore never enters a softmax. Head h reads kv head h / (H / Hkv). The probabilities are
 * kept (one qLen x kLen block per row and head) for backward. Work is split over (row, kv head) so
 * that the heads sharing a kv head accumulate their key/value gradients without races.
 */
public final class Attention {
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
                for (int h = kh * group; h < (kh + 1) * group; h++) {
                    int pb = pOff[b] + h * nq * nk;
                    for (int i = 0; i < nq; i++) {
                        int qo = (qStart[b] + i) * qw + h * hd, pr = pb + i * nk;
                        int lim = causal ? i + 1 : nk;
                        float max = Float.NEGATIVE_INFINITY;
                        for (int j = 0; j < lim; j++) {
                            float sc = MatMul.dot(q, qo, k, (kStart[b] + j) * kw + kh * hd, hd) * scale;
                            p[pr + j] = sc;
                            max = Math.max(max, sc);
                        }
                        float sum = 0;
                        for (int j = 0; j < lim; j++) { float ex = (float) Math.exp(p[pr + j] - max); p[pr + j] = ex; sum += ex; }
                        float inv = 1f / sum;
                        int oo = (qStart[b] + i) * qw + h * hd;
                        java.util.Arrays.fill(out, oo, oo + hd, 0f);
                        for (int j = 0; j < lim; j++) {
                            p[pr + j] *= inv;
                            MatMul.axpy(p[pr + j], v, (kStart[b] + j) * kw + kh * hd, out, oo, hd);
                        }
                        for (int j = lim; j < nk; j++) p[pr + j] = 0f;
                    }
                }
            }
        });
    }

    /** Accumulates dq, dk, dv (callers zero them first) from dout. */
    public static void backward(float[] dout, float[] q, float[] k, float[] v, float[] p, int[] pOff,
                                float[] dq, float[] dk, float[] dv,
                                int[] qStart, int[] qLen, int[] kStart, int[] kLen,
                                int heads, int kvHeads, int hd, boolean causal) {
        int rows = qLen.length, group = heads / kvHeads, qw = heads * hd, kw = kvHeads * hd;
        float scale = (float) (1.0 / Math.sqrt(hd));
        int maxK = 0;
        for (int n : kLen) maxK = Math.max(maxK, n);
        final int mk = maxK;
        Parallel.forRange(rows * kvHeads, (s, e) -> {
            float[] ds = new float[mk];
            for (int task = s; task < e; task++) {
                int b = task / kvHeads, kh = task % kvHeads, nq = qLen[b], nk = kLen[b];
                for (int h = kh * group; h < (kh + 1) * group; h++) {
                    int pb = pOff[b] + h * nq * nk;
                    for (int i = 0; i < nq; i++) {
                        int qo = (qStart[b] + i) * qw + h * hd, pr = pb + i * nk;
                        int lim = causal ? i + 1 : nk;
                        float dot = 0;
                        for (int j = 0; j < lim; j++) {
                            int vo = (kStart[b] + j) * kw + kh * hd;
                            float dp = MatMul.dot(dout, qo, v, vo, hd);
                            ds[j] = dp;
                            dot += dp * p[pr + j];
                            MatMul.axpy(p[pr + j], dout, qo, dv, vo, hd);
                        }
                        for (int j = 0; j < lim; j++) {
                            float g = p[pr + j] * (ds[j] - dot) * scale;
                            int ko = (kStart[b] + j) * kw + kh * hd;
                            MatMul.axpy(g, k, ko, dq, qo, hd);
                            MatMul.axpy(g, q, qo, dk, ko, hd);
                        }
                    }
                }
            }
        });
    }
}
