package dev.vantage.model;

import dev.vantage.engine.Attention;
import dev.vantage.engine.MatMul;
import dev.vantage.engine.Rope;

/**
 * h += o_proj(Attn(q_proj(n), k_proj(c), v_proj(c))) with n = RMSNorm(h). For self-attention c = n
 * (RoPE, causal in the decoder, bidirectional in the schema encoder); for cross-attention c is the
 * encoded schema M (no RoPE, all schema tokens of the same row visible).
 */
final class AttentionBlock {
    final Param norm, wq, wk, wv, wo;
    private final PreNorm pre;
    private final ModelConfig cfg;
    private final boolean cross, causal;
    // Activations kept for backward: xn [nq, d], q [nq, H*hd], k and v [nk, kvd], att [nq, H*hd],
    // p: softmax probabilities, per row and head [qLen, kLen] (offsets in pOff).
    private float[] xn, q, k, v, att, p;
    private int[] pOff;
    private float[] datt, dq, dk, dv, dxn;   // backward scratch

    private AttentionBlock(ModelConfig cfg, String prefix, String normName, boolean cross, boolean causal, boolean alloc) {
        this.cfg = cfg;
        this.cross = cross;
        this.causal = causal;
        int d = cfg.hiddenSize(), qd = cfg.numAttentionHeads() * cfg.headDim(), kvd = cfg.kvDim();
        norm = new Param(prefix + normName + ".weight", alloc, d);
        pre = new PreNorm(norm, cfg);
        String a = prefix + (cross ? "cross_attn." : "self_attn.");
        wq = new Param(a + "q_proj.weight", alloc, qd, d);
        wk = new Param(a + "k_proj.weight", alloc, kvd, d);
        wv = new Param(a + "v_proj.weight", alloc, kvd, d);
        wo = new Param(a + "o_proj.weight", alloc, d, qd);
    }

    /** Self-attention with RoPE: causal in the decoder, bidirectional in the schema encoder. alloc false: weights mapped later. */
    static AttentionBlock selfAttention(ModelConfig cfg, String prefix, boolean causal, boolean alloc) {
        return new AttentionBlock(cfg, prefix, "input_layernorm", false, causal, alloc);
    }

    /** Cross-attention from decoder tokens to the encoded schema. */
    static AttentionBlock crossAttention(ModelConfig cfg, String prefix, boolean alloc) {
        return new AttentionBlock(cfg, prefix, "cross_attn_layernorm", true, false, alloc);
    }

    Param[] params() { return new Param[]{norm, wq, wk, wv, wo}; }

    /** Adds self-attention over the queries' own rows to h [queries.tokens, d]. */
    void forwardSelf(float[] h, Rows queries, Rope rope) {
        if (cross) throw new IllegalStateException("a cross-attention block needs the schema memory");
        forward(h, queries, rope, null, queries);
    }

    /** Adds cross-attention to h [queries.tokens, d], each row reading its own row of mem [keys.tokens, d]. */
    void forwardCross(float[] h, Rows queries, float[] mem, Rows keys) {
        if (!cross) throw new IllegalStateException("a self-attention block reads no schema memory");
        forward(h, queries, null, mem, keys);
    }

    /** Given dh (gradient of the residual stream after this block), adds this block's share to dh. */
    void backwardSelf(float[] dh, Rows queries, Rope rope) { backward(dh, queries, rope, null, null, queries); }

    /** As {@link #backwardSelf}, and adds the gradient of the schema memory to dmem. */
    void backwardCross(float[] dh, Rows queries, float[] mem, float[] dmem, Rows keys) { backward(dh, queries, null, mem, dmem, keys); }

    /** ctx/keys: the keys' source and rows (the queries' own for self-attention, where ctx is unused). */
    private void forward(float[] h, Rows queries, Rope rope, float[] ctx, Rows keys) {
        int d = cfg.hiddenSize(), H = cfg.numAttentionHeads(), Hkv = cfg.numKeyValueHeads(), hd = cfg.headDim();
        int qd = H * hd, kvd = cfg.kvDim(), nq = queries.tokens(), ns = keys.tokens();
        xn = pre.forward(h, nq, d);
        float[] src = cross ? ctx : xn;
        q = Buffers.grow(q, nq * qd);
        k = Buffers.grow(k, ns * kvd);
        v = Buffers.grow(v, ns * kvd);
        wq.linear(xn, 0, q, 0, nq, qd, d, false);
        wk.linear(src, 0, k, 0, ns, kvd, d, false);
        wv.linear(src, 0, v, 0, ns, kvd, d, false);
        if (!cross) {
            rope.apply(q, queries.pos(), nq, H, 1);
            rope.apply(k, queries.pos(), nq, Hkv, 1);
        }
        pOff = Attention.probOffsets(queries.len(), keys.len(), H);
        p = Buffers.grow(p, pOff[queries.len().length]);
        att = Buffers.grow(att, nq * qd);
        Attention.forward(q, k, v, att, p, pOff, queries.start(), queries.len(), keys.start(), keys.len(), H, Hkv, hd, causal);
        wo.linear(att, 0, h, 0, nq, d, qd, true);
    }

    private void backward(float[] dh, Rows queries, Rope rope, float[] ctx, float[] dctx, Rows keys) {
        int d = cfg.hiddenSize(), H = cfg.numAttentionHeads(), Hkv = cfg.numKeyValueHeads(), hd = cfg.headDim();
        int qd = H * hd, kvd = cfg.kvDim(), nq = queries.tokens(), ns = keys.tokens();
        datt = Buffers.grow(datt, nq * qd);
        MatMul.xW(dh, 0, wo.w, 0, datt, 0, nq, d, qd, false);
        MatMul.xtY(dh, 0, att, 0, wo.g, 0, nq, d, qd, true);
        dq = Buffers.zeroed(dq, nq * qd);
        dk = Buffers.zeroed(dk, ns * kvd);
        dv = Buffers.zeroed(dv, ns * kvd);
        Attention.backward(datt, q, k, v, p, pOff, dq, dk, dv, queries.start(), queries.len(), keys.start(), keys.len(), H, Hkv, hd, causal);
        if (!cross) {
            rope.apply(dq, queries.pos(), nq, H, -1);
            rope.apply(dk, queries.pos(), nq, Hkv, -1);
        }
        float[] src = cross ? ctx : xn;
        dxn = Buffers.grow(dxn, nq * d);
        MatMul.xW(dq, 0, wq.w, 0, dxn, 0, nq, qd, d, false);
        MatMul.xtY(dq, 0, xn, 0, wq.g, 0, nq, qd, d, true);
        float[] dsrc = cross ? dctx : dxn;
        MatMul.xW(dk, 0, wk.w, 0, dsrc, 0, ns, kvd, d, true);
        MatMul.xW(dv, 0, wv.w, 0, dsrc, 0, ns, kvd, d, true);
        MatMul.xtY(dk, 0, src, 0, wk.g, 0, ns, kvd, d, true);
        MatMul.xtY(dv, 0, src, 0, wv.g, 0, ns, kvd, d, true);
        pre.backward(dxn, dh, nq, d);
    }
}
