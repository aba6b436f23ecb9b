package dev.vantage.model;

import dev.vantage.engine.MatMul;
import dev.vantage.engine.SwiGlu;

import java.util.function.Function;

/**
 * The schema encoder's feed-forward: h += down(silu(gate(n)) * up(n)), n = RMSNorm(h). Holds weights
 * only; a training forward keeps what backward needs in the caller's {@link DenseFfnActivations}.
 */
final class DenseFfnBlock {
    final Param norm, gate, up, down;
    private final ModelConfig cfg;
    private final int f;

    DenseFfnBlock(ModelConfig cfg, ModelLayout.DenseFfn t, Function<ModelLayout.Tensor, Param> param) {
        this.cfg = cfg;
        f = cfg.schemaIntermediateSize();
        norm = param.apply(t.norm());
        gate = param.apply(t.gate());
        up = param.apply(t.up());
        down = param.apply(t.down());
    }

    /** h [n, d] += the block's output. */
    void forward(float[] h, int n, DenseFfnActivations a) {
        int d = cfg.hiddenSize();
        a.n = n;
        float[] xn = a.norm.forward(norm.w, (float) cfg.rmsNormEps(), h, n, d);
        a.gate = Buffers.grow(a.gate, n * f);
        a.up = Buffers.grow(a.up, n * f);
        a.act = Buffers.grow(a.act, n * f);
        gate.linear(xn, 0, a.gate, 0, n, f, d, false);
        up.linear(xn, 0, a.up, 0, n, f, d, false);
        SwiGlu.forward(a.gate, a.up, a.act, n * f);
        down.linear(a.act, 0, h, 0, n, d, f, true);
    }

    /** Given dh after the block, adds the block's share to dh and its weights' gradients to g. */
    void backward(float[] dh, DenseFfnActivations a, Gradients g, BackwardScratch s) {
        int d = cfg.hiddenSize(), n = a.n;
        float[] xn = a.norm.out;
        s.dAct = Buffers.grow(s.dAct, n * f);
        s.dGate = Buffers.grow(s.dGate, n * f);
        s.dUp = Buffers.grow(s.dUp, n * f);
        s.dxn = Buffers.grow(s.dxn, n * d);
        MatMul.xW(dh, 0, down.w, 0, s.dAct, 0, n, d, f, false);
        MatMul.xtY(dh, 0, a.act, 0, g.of(down), 0, n, d, f, true);
        SwiGlu.backward(s.dAct, a.gate, a.up, s.dGate, s.dUp, n * f);
        MatMul.xW(s.dGate, 0, gate.w, 0, s.dxn, 0, n, f, d, false);
        MatMul.xW(s.dUp, 0, up.w, 0, s.dxn, 0, n, f, d, true);
        MatMul.xtY(s.dGate, 0, xn, 0, g.of(gate), 0, n, f, d, true);
        MatMul.xtY(s.dUp, 0, xn, 0, g.of(up), 0, n, f, d, true);
        a.norm.backward(norm.w, g.of(norm), s.dxn, dh, n, d);
    }
}
