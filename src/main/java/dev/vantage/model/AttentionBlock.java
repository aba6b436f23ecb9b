package dev.vantage.model;

import dev.vantage.engine.Attention;
import dev.vantage.engine.MatMul;
import dev.vantage.engine.Rope;

import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * h += o_proj(Attn(q_proj(n), k_proj(c), v_proj(c))) with n = RMSNorm(h). For self-attention c = n
 * (RoPE, causal in the decoder, bidirectional in the schema encoder); for cross-attention c is the
 * encoded schema M (no RoPE, all schema tokens of the same row visible). Holds weights only: a
 * training forward keeps what backward needs in the caller's {@link AttentionActivations}.
 */
final class AttentionBlock {
    final Param norm, wq, wk, wv, wo;
    final Attention.Heads heads;      // the model's, one record for every call
    private final ModelConfig cfg;
    private final Rope rope;          // null for cross-attention
    private final boolean causal;

    private AttentionBlock(ModelConfig cfg, ModelLayout.Attention t, Function<ModelLayout.Tensor, Param> param, Attention.Heads heads, Rope rope, boolean causal) {
        this.cfg = cfg;
        this.heads = heads;
        this.rope = rope;
        this.causal = causal;
        norm = param.apply(t.norm());
        wq = param.apply(t.q());
        wk = param.apply(t.k());
        wv = param.apply(t.v());
        wo = param.apply(t.o());
    }

    /** Self-attention with RoPE: causal in the decoder, bidirectional in the schema encoder. */
    static AttentionBlock selfAttention(ModelConfig cfg, ModelLayout.Attention t, Function<ModelLayout.Tensor, Param> param, Attention.Heads heads, Rope rope, boolean causal) {
        return new AttentionBlock(cfg, t, param, heads, rope, causal);
    }

    /** Cross-attention from decoder tokens to the encoded schema. */
    static AttentionBlock crossAttention(ModelConfig cfg, ModelLayout.Attention t, Function<ModelLayout.Tensor, Param> param, Attention.Heads heads) {
        return new AttentionBlock(cfg, t, param, heads, null, false);
    }

    private boolean cross() { return rope == null; }

    /**
     * Attention dropout of one forward: each attention probability is zeroed with probability
     * {@code rate}, the rest scaled by 1/(1 - rate), drawn from rng. {@link #NONE} when not training.
     */
    record Dropout(double rate, SplittableRandom rng) {
        static final Dropout NONE = new Dropout(0, null);
        boolean active() { return rate > 0 && rng != null; }
    }

    /** Adds self-attention over the queries' own rows to h [queries.tokens, d]. */
    void forwardSelf(float[] h, Rows queries, AttentionActivations a, Dropout dropout) {
        if (cross()) throw new IllegalStateException("a cross-attention block needs the schema memory");
        forward(h, queries, null, queries, a, dropout);
    }

    /** Adds cross-attention to h [queries.tokens, d], each row reading its own row of memory [keys.tokens, d]. */
    void forwardCross(float[] h, Rows queries, float[] memory, Rows keys, AttentionActivations a, Dropout dropout) {
        if (!cross()) throw new IllegalStateException("a self-attention block reads no schema memory");
        forward(h, queries, memory, keys, a, dropout);
    }

    /** Given dh (gradient of the residual stream after this block), adds this block's share to dh and its weights' gradients to g. */
    void backwardSelf(float[] dh, AttentionActivations a, Gradients g, BackwardScratch s) { backward(dh, null, a, g, s); }

    /** As {@link #backwardSelf}, and adds the gradient of the schema memory to dMemory [keys.tokens, d]. */
    void backwardCross(float[] dh, float[] dMemory, AttentionActivations a, Gradients g, BackwardScratch s) { backward(dh, dMemory, a, g, s); }

    private void forward(float[] h, Rows queries, float[] memory, Rows keys, AttentionActivations a, Dropout dropout) {
        int d = cfg.hiddenSize(), H = heads.heads(), Hkv = heads.kvHeads();
        int qd = heads.qWidth(), kvd = heads.kvWidth(), nq = queries.tokens(), nk = keys.tokens();
        a.queries = queries;
        a.keys = keys;
        a.memory = memory;
        float[] xn = a.norm.forward(norm.w, (float) cfg.rmsNormEps(), h, nq, d);
        float[] src = cross() ? memory : xn;
        a.q = Buffers.grow(a.q, nq * qd);
        a.k = Buffers.grow(a.k, nk * kvd);
        a.v = Buffers.grow(a.v, nk * kvd);
        wq.linear(xn, 0, a.q, 0, nq, qd, d, false);
        wk.linear(src, 0, a.k, 0, nk, kvd, d, false);
        wv.linear(src, 0, a.v, 0, nk, kvd, d, false);
        if (!cross()) {
            rope.apply(a.q, queries.pos(), nq, H, 1);
            rope.apply(a.k, queries.pos(), nq, Hkv, 1);
        }
        a.rows = cross() ? Attention.Rows.cross(queries.start(), queries.len(), keys.start(), keys.len())
                         : Attention.Rows.self(queries.start(), queries.len(), causal);
        int[] pOff = a.rows.probOffsets(heads);
        a.p = Buffers.grow(a.p, pOff[a.rows.count()]);
        a.att = Buffers.grow(a.att, nq * qd);
        float[] keep = dropout.active() ? a.keep = drawKeep(a.keep, pOff[a.rows.count()], dropout) : null;
        a.attention = new Attention.Tensors(a.q, a.k, a.v, a.att, a.p, pOff, keep);
        Attention.forward(heads, a.rows, a.attention);
        wo.linear(a.att, 0, h, 0, nq, d, qd, true);
    }

    /**
     * keep[0, n) = 0 with probability rate, else 1/(1 - rate): one factor per attention probability.
     * Each draw is 16 bits of a 64-bit random number (the encoder alone has millions of probabilities
     * per step; one nextDouble each cost more than the attention): rate is rounded to a multiple of
     * 2^-16, and 1/(1 - rate) is that of the rounded rate, so every kept probability's expectation is exact.
     */
    static float[] drawKeep(float[] keep, int n, Dropout dropout) {
        keep = Buffers.grow(keep, n);
        int threshold = (int) Math.round(dropout.rate() * 65536);    // drop when the 16-bit draw is below it
        float scale = (float) (65536.0 / (65536 - threshold));
        SplittableRandom rng = dropout.rng();
        for (int i = 0; i < n; i += 4) {
            long bits = rng.nextLong();
            for (int j = i, end = Math.min(n, i + 4); j < end; j++, bits >>>= 16)
                keep[j] = (bits & 0xFFFF) < threshold ? 0f : scale;
        }
        return keep;
    }

    private void backward(float[] dh, float[] dMemory, AttentionActivations a, Gradients g, BackwardScratch s) {
        int d = cfg.hiddenSize(), H = heads.heads(), Hkv = heads.kvHeads();
        Rows queries = a.queries, keys = a.keys;
        int qd = heads.qWidth(), kvd = heads.kvWidth(), nq = queries.tokens(), nk = keys.tokens();
        float[] xn = a.norm.out;
        s.dAtt = Buffers.grow(s.dAtt, nq * qd);
        MatMul.xW(dh, 0, wo.w, 0, s.dAtt, 0, nq, d, qd, false);
        MatMul.xtY(dh, 0, a.att, 0, g.of(wo), 0, nq, d, qd, true);
        s.dq = Buffers.zeroed(s.dq, nq * qd);
        s.dk = Buffers.zeroed(s.dk, nk * kvd);
        s.dv = Buffers.zeroed(s.dv, nk * kvd);
        Attention.backward(heads, a.rows, a.attention, new Attention.Grads(s.dAtt, s.dq, s.dk, s.dv));
        if (!cross()) {
            rope.apply(s.dq, queries.pos(), nq, H, -1);
            rope.apply(s.dk, queries.pos(), nq, Hkv, -1);
        }
        float[] src = cross() ? a.memory : xn;
        s.dxn = Buffers.grow(s.dxn, nq * d);
        MatMul.xW(s.dq, 0, wq.w, 0, s.dxn, 0, nq, qd, d, false);
        MatMul.xtY(s.dq, 0, xn, 0, g.of(wq), 0, nq, qd, d, true);
        float[] dSrc = cross() ? dMemory : s.dxn;
        MatMul.xW(s.dk, 0, wk.w, 0, dSrc, 0, nk, kvd, d, true);
        MatMul.xW(s.dv, 0, wv.w, 0, dSrc, 0, nk, kvd, d, true);
        MatMul.xtY(s.dk, 0, src, 0, g.of(wk), 0, nk, kvd, d, true);
        MatMul.xtY(s.dv, 0, src, 0, g.of(wv), 0, nk, kvd, d, true);
        a.norm.backward(norm.w, g.of(norm), s.dxn, dh, nq, d);
    }
}
