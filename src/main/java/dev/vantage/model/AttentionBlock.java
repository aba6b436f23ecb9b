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
    // Activations kept for backward.
    private float[] xn, q, k, v, att, p;
    private int[] pOff;
    private float[] datt, dq, dk, dv, dxn;   // backward scratch

    AttentionBlock(ModelConfig cfg, String prefix, String normName, boolean cross, boolean causal, boolean alloc) {
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

    Param[] params() { return new Param[]{norm, wq, wk, wv, wo}; }

    /**
     * Adds the block's output to h [nq, d]. For self-attention the queries' own rows (start/len/pos)
     * give keys; for cross-attention ctx [nk, d] with kStart/kLen does.
     */
    void forward(float[] h, int nq, int[] qStart, int[] qLen, int[] qPos, Rope rope,
                 float[] ctx, int nk, int[] kStart, int[] kLen) {
        int d = cfg.hiddenSize(), H = cfg.numAttentionHeads(), Hkv = cfg.numKeyValueHeads(), hd = cfg.headDim();
        int qd = H * hd, kvd = cfg.kvDim();
        xn = pre.forward(h, nq, d);
        float[] src = cross ? ctx : xn;
        int ns = cross ? nk : nq;
        int[] ks = cross ? kStart : qStart, kl = cross ? kLen : qLen;
        q = Buffers.grow(q, nq * qd);
        k = Buffers.grow(k, ns * kvd);
        v = Buffers.grow(v, ns * kvd);
        wq.linear(xn, 0, q, 0, nq, qd, d, false);
        wk.linear(src, 0, k, 0, ns, kvd, d, false);
        wv.linear(src, 0, v, 0, ns, kvd, d, false);
        if (!cross) {
            rope.apply(q, qPos, nq, H, 1);
            rope.apply(k, qPos, nq, Hkv, 1);
        }
        pOff = Attention.probOffsets(qLen, kl, H);
        p = Buffers.grow(p, pOff[qLen.length]);
        att = Buffers.grow(att, nq * qd);
        Attention.forward(q, k, v, att, p, pOff, qStart, qLen, ks, kl, H, Hkv, hd, causal);
        wo.linear(att, 0, h, 0, nq, d, qd, true);
    }

    /** Given dh (gradient of the residual stream after this block), adds this block's share to dh and, for cross, to dctx. */
    void backward(float[] dh, int nq, int[] qStart, int[] qLen, int[] qPos, Rope rope,
                  float[] ctx, float[] dctx, int nk, int[] kStart, int[] kLen) {
        int d = cfg.hiddenSize(), H = cfg.numAttentionHeads(), Hkv = cfg.numKeyValueHeads(), hd = cfg.headDim();
        int qd = H * hd, kvd = cfg.kvDim();
        int ns = cross ? nk : nq;
        int[] ks = cross ? kStart : qStart, kl = cross ? kLen : qLen;
        datt = Buffers.grow(datt, nq * qd);
        MatMul.xW(dh, 0, wo.w, 0, datt, 0, nq, d, qd, false);
        MatMul.xtY(dh, 0, att, 0, wo.g, 0, nq, d, qd, true);
        dq = Buffers.zeroed(dq, nq * qd);
        dk = Buffers.zeroed(dk, ns * kvd);
        dv = Buffers.zeroed(dv, ns * kvd);
        Attention.backward(datt, q, k, v, p, pOff, dq, dk, dv, qStart, qLen, ks, kl, H, Hkv, hd, causal);
        if (!cross) {
            rope.apply(dq, qPos, nq, H, -1);
            rope.apply(dk, qPos, nq, Hkv, -1);
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
