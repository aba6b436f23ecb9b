package dev.vantage.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Scaled dot-product attention over packed sequences with grouped-query heads.
 *
 * <p>A call is described by three small records, built once per call (never per head or token):
 * {@link Heads} (how many heads of what width), {@link Rows} (which keys each query sees) and
 * {@link Tensors} (the buffers); backward adds {@link Grads}, decoding uses {@link Decode}.
 * Tokens of all rows sit back to back (no padding), so padding never enters a softmax. Head h reads
 * kv head h / (H / Hkv). The probabilities are kept (one qLen x kLen block per row and head) for
 * backward. The heads sharing a KV head are stacked into one [group * qLen, hd] block, so each
 * (row, KV head) runs as three GEMMs on the shared kernel. Work is split over (row, KV head), so
 * key/value gradients accumulate without races.
 */
public final class Attention {
    private static final VectorSpecies<Float> SP = FloatVector.SPECIES_PREFERRED;

    private Attention() {}

    /**
     * Grouped-query heads: {@code heads} query heads of {@code headDim} floats share {@code kvHeads}
     * key/value heads, {@code group} query heads per KV head. A row of q or out is
     * {@code heads * headDim} floats wide, a row of k or v {@code kvHeads * headDim}.
     */
    public record Heads(int heads, int kvHeads, int headDim) {
        public Heads {
            if (heads <= 0 || kvHeads <= 0 || headDim <= 0 || heads % kvHeads != 0)
                throw new IllegalArgumentException("heads " + heads + ", kv heads " + kvHeads + ", head dim " + headDim);
        }
        public int group() { return heads / kvHeads; }
        public int qWidth() { return heads * headDim; }
        public int kvWidth() { return kvHeads * headDim; }
        /** 1/sqrt(headDim), the scores' scale. */
        float scale() { return (float) (1.0 / Math.sqrt(headDim)); }
    }

    /**
     * Which keys each query sees, for packed rows: row b's queries are rows [qStart[b], qStart[b]+qLen[b])
     * of q, its keys and values rows [kStart[b], kStart[b]+kLen[b]) of k and v. Causal: query i of a
     * row sees its row's keys 0..i only (self-attention, so kLen = qLen); otherwise all of them.
     */
    public record Rows(int[] qStart, int[] qLen, int[] kStart, int[] kLen, boolean causal) {
        public Rows {
            int n = qLen.length;
            if (qStart.length != n || kStart.length != n || kLen.length != n)
                throw new IllegalArgumentException("qStart, qLen, kStart, kLen must have one entry per row");
            if (causal && !java.util.Arrays.equals(qLen, kLen))
                throw new IllegalArgumentException("causal attention needs as many keys as queries in every row");
        }

        /** Self-attention: each row's keys are its own queries; causal in a decoder, bidirectional in an encoder. */
        public static Rows self(int[] start, int[] len, boolean causal) { return new Rows(start, len, start, len, causal); }

        /** Cross-attention: row b's queries see all kLen[b] keys of its own row of k and v. */
        public static Rows cross(int[] qStart, int[] qLen, int[] kStart, int[] kLen) { return new Rows(qStart, qLen, kStart, kLen, false); }

        public int count() { return qLen.length; }

        /** [rows + 1] offsets of each row's probability blocks ([heads, qLen, kLen] per row) in P; the last is P's size. */
        public int[] probOffsets(Heads h) {
            int[] off = new int[qLen.length + 1];
            for (int b = 0; b < qLen.length; b++) off[b + 1] = off[b] + h.heads() * qLen[b] * kLen[b];
            return off;
        }
    }

    /**
     * The buffers of one forward, kept for its backward. For nq query and nk key tokens:
     * q [nq, H*hd], k and v [nk, Hkv*hd], out [nq, H*hd] (overwritten); p the softmax probabilities,
     * for row b and head h a [qLen_b, kLen_b] block at pOff[b] + h*qLen_b*kLen_b; pOff [rows + 1]
     * from {@link Rows#probOffsets}. keep: attention dropout, one factor per probability in p's layout
     * (0 for a dropped one, 1/(1 - rate) for a kept one), or null for none; p itself stays undropped,
     * since the softmax's backward needs it.
     */
    public record Tensors(float[] q, float[] k, float[] v, float[] out, float[] p, int[] pOff, float[] keep) {
        /** Without dropout (inference, dropless training). */
        public Tensors(float[] q, float[] k, float[] v, float[] out, float[] p, int[] pOff) { this(q, k, v, out, p, pOff, null); }
    }

    /** Backward's buffers: dout [nq, H*hd] in; dq, dk, dv shaped as q, k, v, accumulated into (callers zero them first). */
    public record Grads(float[] dout, float[] dq, float[] dk, float[] dv) {}

    /**
     * The query side of decoding n tokens: q and out [n, H*hd], row t being token t's query and output;
     * scores [>= keys] the scratch of one head's scores. Build once per call and reuse it for every
     * token and layer.
     */
    public record Decode(Heads heads, float[] q, float[] out, float[] scores) {}

    /** out = (softmax(q k^T / sqrt(hd)) * keep) v per row and head, keeping the probabilities (before keep) in t.p. */
    public static void forward(Heads hs, Rows rows, Tensors t) {
        float[] q = t.q(), k = t.k(), v = t.v(), out = t.out(), p = t.p(), keep = t.keep();
        int[] pOff = t.pOff(), qStart = rows.qStart(), qLen = rows.qLen(), kStart = rows.kStart(), kLen = rows.kLen();
        boolean causal = rows.causal();
        int kvHeads = hs.kvHeads(), hd = hs.headDim();
        int n = rows.count(), group = hs.group(), qw = hs.qWidth(), kw = hs.kvWidth();
        float scale = hs.scale();
        int maxQ = max(qLen), maxK = max(kLen);
        Parallel.forRange(n * kvHeads, (s, e) -> {
            float[] qg = new float[group * maxQ * hd], og = new float[group * maxQ * hd];   // [group * nq, hd] per task
            float[] pk = keep == null ? null : new float[group * maxQ * maxK];              // [group * nq, nk] P * keep
            for (int task = s; task < e; task++) {
                int b = task / kvHeads, kh = task % kvHeads, nq = qLen[b], nk = kLen[b], h0 = kh * group;
                int ko = kStart[b] * kw + kh * hd, pb = pOff[b] + h0 * nq * nk, m = group * nq;
                gatherGroup(q, qStart[b], nq, qw, h0, group, hd, qg);
                MatMul.gemm(m, nk, hd, qg, 0, hd, 1, MatMul.Operand.of(k, ko, 1, kw), p, pb, nk, false);   // Q K^T
                for (int r = 0; r < m; r++) softmaxRow(p, pb + r * nk, causal ? r % nq + 1 : nk, nk, scale);
                if (keep == null) MatMul.gemm(m, hd, nk, p, pb, nk, 1, MatMul.Operand.of(v, ko, kw, 1), og, 0, hd, false);   // P V
                else {
                    dropped(p, keep, pb, m * nk, pk);
                    MatMul.gemm(m, hd, nk, pk, 0, nk, 1, MatMul.Operand.of(v, ko, kw, 1), og, 0, hd, false);   // (P * keep) V
                }
                scatterGroup(og, out, qStart[b], nq, qw, h0, group, hd, false);
            }
        });
    }

    /**
     * Attention of query row t of io.q against nk keys and values (decoding): for each head h,
     * out[t, h] = softmax(q[t, h] K[kvh]^T / sqrt(hd)) V[kvh] with kvh = h / group; k, v [>= nk, Hkv*hd]
     * from row 0; row t of io.out is overwritten. Single-threaded and allocation-free, so any number
     * of threads may run it on their own buffers; the softmax is the one {@link #forward} uses.
     */
    public static void singleQuery(Decode io, int t, float[] k, float[] v, int nk) {
        Heads hs = io.heads();
        float[] q = io.q(), out = io.out(), scores = io.scores();
        int heads = hs.heads(), hd = hs.headDim(), group = hs.group(), kw = hs.kvWidth(), row = t * hs.qWidth();
        float scale = hs.scale();
        for (int h = 0; h < heads; h++) {
            int ko = (h / group) * hd, oo = row + h * hd;     // head h's slice, the same in q and out
            for (int j = 0; j < nk; j++) scores[j] = MatMul.dot(q, oo, k, j * kw + ko, hd);
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

    /** dst[0, n) = p[o, o + n) * keep[o, o + n): the probabilities that attention dropout lets through. */
    private static void dropped(float[] p, float[] keep, int o, int n, float[] dst) {
        for (int i = 0; i < n; i++) dst[i] = p[o + i] * keep[o + i];
    }

    /**
     * Accumulates dq, dk, dv (callers zero them first) from dout, reading the forward's t (out unused).
     * With dropout, d(P * keep) = dO V^T becomes dP = keep * dO V^T, and dV takes (P * keep)^T dO.
     */
    public static void backward(Heads hs, Rows rows, Tensors t, Grads g) {
        float[] dout = g.dout(), q = t.q(), k = t.k(), v = t.v(), p = t.p(), keep = t.keep(), dq = g.dq(), dk = g.dk(), dv = g.dv();
        int[] pOff = t.pOff(), qStart = rows.qStart(), qLen = rows.qLen(), kStart = rows.kStart(), kLen = rows.kLen();
        boolean causal = rows.causal();
        int kvHeads = hs.kvHeads(), hd = hs.headDim();
        int n = rows.count(), group = hs.group(), qw = hs.qWidth(), kw = hs.kvWidth();
        float scale = hs.scale();
        int maxQ = max(qLen), maxK = max(kLen);
        Parallel.forRange(n * kvHeads, (s, e) -> {
            float[] qg = new float[group * maxQ * hd], dog = new float[group * maxQ * hd], dqg = new float[group * maxQ * hd];
            float[] ds = new float[group * maxQ * maxK];
            float[] pk = keep == null ? null : new float[group * maxQ * maxK];
            for (int task = s; task < e; task++) {
                int b = task / kvHeads, kh = task % kvHeads, nq = qLen[b], nk = kLen[b], h0 = kh * group;
                int ko = kStart[b] * kw + kh * hd, pb = pOff[b] + h0 * nq * nk, m = group * nq;
                gatherGroup(q, qStart[b], nq, qw, h0, group, hd, qg);
                gatherGroup(dout, qStart[b], nq, qw, h0, group, hd, dog);
                MatMul.gemm(m, nk, hd, dog, 0, hd, 1, MatMul.Operand.of(v, ko, 1, kw), ds, 0, nk, false);  // dP = dO V^T
                for (int r = 0; r < m; r++) {
                    int ro = r * nk, pr = pb + ro, lim = causal ? r % nq + 1 : nk;
                    if (keep != null) for (int j = 0; j < lim; j++) ds[ro + j] *= keep[pr + j];
                    float dot = 0;
                    for (int j = 0; j < lim; j++) dot += p[pr + j] * ds[ro + j];
                    for (int j = 0; j < lim; j++) ds[ro + j] = p[pr + j] * (ds[ro + j] - dot) * scale;
                    for (int j = lim; j < nk; j++) ds[ro + j] = 0f;
                }
                MatMul.gemm(m, hd, nk, ds, 0, nk, 1, MatMul.Operand.of(k, ko, kw, 1), dqg, 0, hd, false);     // dQ = dS K
                MatMul.gemm(nk, hd, m, ds, 0, 1, nk, MatMul.Operand.of(qg, 0, hd, 1), dk, ko, kw, true);       // dK += dS^T Q
                if (keep == null) MatMul.gemm(nk, hd, m, p, pb, 1, nk, MatMul.Operand.of(dog, 0, hd, 1), dv, ko, kw, true);   // dV += P^T dO
                else {
                    dropped(p, keep, pb, m * nk, pk);
                    MatMul.gemm(nk, hd, m, pk, 0, 1, nk, MatMul.Operand.of(dog, 0, hd, 1), dv, ko, kw, true);             // dV += (P * keep)^T dO
                }
                scatterGroup(dqg, dq, qStart[b], nq, qw, h0, group, hd, true);
            }
        });
    }
}
