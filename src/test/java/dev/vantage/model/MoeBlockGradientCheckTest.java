package dev.vantage.model;

import org.junit.jupiter.api.Test;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MoeBlock on its own against central differences of
 * {@code L = sum(out * R) + a * aux + z * zLoss}, on every coordinate of its input, its norm and its
 * router and on 16 random coordinates of each expert matrix, dropless and with capacity drops. Coordinates whose perturbation changes a routing
 * decision (top-k or a capacity drop) are skipped and counted: L is not differentiable there.
 * The loss is summed in double, and the differences are Richardson-extrapolated from steps eps and
 * 2 eps (error O(eps^4) instead of O(eps^2)), so the tolerance can be 1e-2 relative although the block
 * computes in float32.
 */
class MoeBlockGradientCheckTest {
    static final int N = 12;
    static final double AUX = 0.3, Z = 0.2;
    static final int K = cfg().numExpertsPerTok();

    static ModelConfig cfg() {
        return new ModelConfig("vantage", 41, 16, 1, 4, 2, 4, 2, 8, 0, AUX, Z, 0, 0, 0, 64, 10000, 1e-5, 0, 0, 0, true);
    }

    /** Layer 0's MoE block of the config on its own, weights zero, numbered from 0 as its gradients are. */
    static MoeBlock block(ModelConfig c) {
        ModelLayout.Moe t = ModelLayout.of(c).decoder.get(0).moe();
        List<ModelLayout.Tensor> ts = t.tensors();
        Map<ModelLayout.Tensor, Param> params = new IdentityHashMap<>();
        for (int i = 0; i < ts.size(); i++) params.put(ts.get(i), Param.zeros(i, ts.get(i)));
        return new MoeBlock(c, t, params::get);
    }

    static double loss(MoeBlock b, MoeActivations a, float[] h, float[] r, double cf) {
        float[] out = h.clone();
        b.forward(out, N, cf, 0, null, a);
        double l = AUX * a.auxLoss + Z * a.zLoss;
        for (int i = 0; i < out.length; i++) l += (double) out[i] * r[i];
        return l;
    }

    void check(double cf) {
        ModelConfig c = cfg();
        int d = c.hiddenSize();
        MoeBlock b = block(c);
        MoeActivations a = new MoeActivations();
        SplittableRandom rnd = new SplittableRandom(4);
        List<Param> ps = b.params();
        for (Param p : ps)
            for (int i = 0; i < p.size(); i++) p.w[i] = p.shape.length == 1 ? (float) (1 + 0.3 * (rnd.nextDouble() - 0.5)) : (float) (rnd.nextGaussian() * 0.4);
        Gradients g = new Gradients(ps);
        float[] h = new float[N * d], r = new float[N * d];
        for (int i = 0; i < h.length; i++) { h[i] = (float) rnd.nextGaussian(); r[i] = (float) rnd.nextGaussian(); }
        loss(b, a, h, r, cf);
        long sig = a.routingHash(c.numExpertsPerTok());
        if (cf > 0) {
            long dropped = 0;
            for (int e = 0; e < c.numLocalExperts(); e++) dropped += a.assigned[e] - a.keptCounts[e];
            assertTrue(dropped > 0, "capacity " + cf + " should drop assignments");
        }
        float[] dh = r.clone();
        b.backward(dh, AUX, Z, a, g, new BackwardScratch());     // dh += d(MoE out)/dh^T R + the aux and z terms
        float eps = 5e-2f;
        double worst = 0;
        int checked = 0, skipped = 0;
        // Input coordinates: dL/dh = R (residual) + the block's share, which backward added to dh.
        for (int i = 0; i < h.length; i++) {
            double fd = derivative(b, a, h, i, h, r, cf, eps, sig);
            if (Double.isNaN(fd)) { skipped++; continue; }
            worst = Math.max(worst, assertClose(fd, dh[i], "input[" + i + "]"));
            checked++;
        }
        for (Param p : ps)
            for (int s = 0; s < Math.min(p.size(), p.size() > 64 ? 16 : p.size()); s++) {
                int i = p.size() > 64 ? rnd.nextInt(p.size()) : s;    // every coordinate of norm and router, 16 of each expert matrix
                double fd = derivative(b, a, p.w, i, h, r, cf, eps, sig);
                if (Double.isNaN(fd)) { skipped++; continue; }
                worst = Math.max(worst, assertClose(fd, g.of(p)[i], p.name + "[" + i + "]"));
                checked++;
            }
        assertTrue(checked >= 300 && skipped < (checked + skipped) / 4, "too many routing flips: " + skipped + " of " + (checked + skipped));
        System.out.printf("MoeBlock gradient check (capacity %.2f): %d coordinates, worst relative error %.2e, %d skipped at routing flips%n", cf, checked, worst, skipped);
    }

    /** dL/dx[i] by (4 D(eps) - D(2 eps)) / 3 with central differences D; NaN when routing changes. */
    static double derivative(MoeBlock b, MoeActivations a, float[] x, int i, float[] h, float[] r, double cf, float eps, long sig) {
        float x0 = x[i];
        double[] l = new double[4];
        float[] steps = {eps, -eps, 2 * eps, -2 * eps};
        boolean flip = false;
        for (int s = 0; s < 4; s++) {
            x[i] = x0 + steps[s];
            l[s] = loss(b, a, h, r, cf);
            flip |= a.routingHash(K) != sig;
        }
        x[i] = x0;
        if (flip) return Double.NaN;
        double d1 = (l[0] - l[1]) / (2 * eps), d2 = (l[2] - l[3]) / (4 * eps);
        return (4 * d1 - d2) / 3;
    }

    static double assertClose(double fd, double an, String what) {
        double err = Math.abs(fd - an) / Math.max(1e-2, Math.abs(fd) + Math.abs(an));
        assertTrue(err < 1e-2, what + ": finite difference " + fd + " vs analytic " + an + " (relative error " + err + ")");
        return err;
    }

    @Test void dropless() { check(0); }

    @Test void withCapacityDrops() { check(0.6); }
}
