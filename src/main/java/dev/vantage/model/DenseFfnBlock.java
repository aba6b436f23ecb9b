package dev.vantage.model;

import dev.vantage.engine.MatMul;
import dev.vantage.engine.SwiGlu;

/** The schema encoder's feed-forward: h += down(silu(gate(n)) * up(n)), n = RMSNorm(h). */
final class DenseFfnBlock {
    final Param norm, gate, up, down;
    private final PreNorm pre;
    private final ModelConfig cfg;
    private final int f;
    private float[] xn, g, u, a;
    private float[] da, dg, du, dxn;   // backward scratch

    DenseFfnBlock(ModelConfig cfg, String prefix, boolean alloc) {
        this.cfg = cfg;
        int d = cfg.hiddenSize();
        f = cfg.schemaIntermediateSize();
        norm = new Param(prefix + "post_attention_layernorm.weight", alloc, d);
        pre = new PreNorm(norm, cfg);
        gate = new Param(prefix + "mlp.gate_proj.weight", alloc, f, d);
        up = new Param(prefix + "mlp.up_proj.weight", alloc, f, d);
        down = new Param(prefix + "mlp.down_proj.weight", alloc, d, f);
    }

    Param[] params() { return new Param[]{norm, gate, up, down}; }

    void forward(float[] h, int n) {
        int d = cfg.hiddenSize();
        xn = pre.forward(h, n, d);
        g = Buffers.grow(g, n * f);
        u = Buffers.grow(u, n * f);
        a = Buffers.grow(a, n * f);
        gate.linear(xn, 0, g, 0, n, f, d, false);
        up.linear(xn, 0, u, 0, n, f, d, false);
        SwiGlu.forward(g, u, a, n * f);
        down.linear(a, 0, h, 0, n, d, f, true);
    }

    void backward(float[] dh, int n) {
        int d = cfg.hiddenSize();
        da = Buffers.grow(da, n * f);
        dg = Buffers.grow(dg, n * f);
        du = Buffers.grow(du, n * f);
        dxn = Buffers.grow(dxn, n * d);
        MatMul.xW(dh, 0, down.w, 0, da, 0, n, d, f, false);
        MatMul.xtY(dh, 0, a, 0, down.g, 0, n, d, f, true);
        SwiGlu.backward(da, g, u, dg, du, n * f);
        MatMul.xW(dg, 0, gate.w, 0, dxn, 0, n, f, d, false);
        MatMul.xW(du, 0, up.w, 0, dxn, 0, n, f, d, true);
        MatMul.xtY(dg, 0, xn, 0, gate.g, 0, n, f, d, true);
        MatMul.xtY(du, 0, xn, 0, up.g, 0, n, f, d, true);
        pre.backward(dxn, dh, n, d);
    }
}
