package dev.vantage.model;

import dev.vantage.engine.MatMul;
import dev.vantage.engine.Parallel;
import dev.vantage.engine.SwiGlu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * h += MoE(RMSNorm(h)): softmax router, top-k with renormalized weights, optional capacity with
 * dropping, SwiGLU experts. Tokens are grouped by expert so that each expert runs as one matmul over
 * its tokens, forward and backward. Also computes the load-balancing and z losses and usage counts.
 * Holds weights only; a training forward keeps the routing and expert rows in the caller's
 * {@link MoeActivations}.
 */
final class MoeBlock {
    final Param norm, router;
    final Param[] w1, w3, w2;
    private final ModelConfig cfg;
    private final int E, K, f;

    MoeBlock(ModelConfig cfg, ModelLayout.Moe t, Function<ModelLayout.Tensor, Param> param) {
        this.cfg = cfg;
        E = cfg.numLocalExperts();
        K = cfg.numExpertsPerTok();
        f = cfg.moeIntermediateSize();
        norm = param.apply(t.norm());
        router = param.apply(t.router());
        w1 = new Param[E]; w3 = new Param[E]; w2 = new Param[E];
        for (int e = 0; e < E; e++) {
            ModelLayout.Expert x = t.experts().get(e);
            w1[e] = param.apply(x.w1());
            w2[e] = param.apply(x.w2());
            w3[e] = param.apply(x.w3());
        }
    }

    /** Every weight of the block in checkpoint order. */
    List<Param> params() {
        List<Param> ps = new ArrayList<>(List.of(norm, router));
        for (int e = 0; e < E; e++) ps.addAll(List.of(w1[e], w2[e], w3[e]));
        return ps;
    }

    /** capacityFactor 0 = dropless; expertDropout applies to the expert hidden units when rng != null. */
    void forward(float[] h, int n, double capacityFactor, double expertDropout, SplittableRandom rng, MoeActivations a) {
        int d = cfg.hiddenSize(), nk = n * K;
        a.n = n;
        float[] xn = a.norm.forward(norm.w, (float) cfg.rmsNormEps(), h, n, d);
        float[] probs = a.probs = Buffers.grow(a.probs, n * E);
        router.linear(xn, 0, probs, 0, n, E, d, false);
        a.lse = Buffers.grow(a.lse, n);
        int[] top = a.top = Buffers.grow(a.top, nk);
        float[] wts = a.weights = Buffers.grow(a.weights, nk);
        double zSum = 0;
        double[] pMean = new double[E];
        long[] assigned = new long[E];
        for (int t = 0; t < n; t++) {
            int o = t * E;
            double l = softmaxInPlace(probs, o, E);
            a.lse[t] = (float) l;
            zSum += l * l;
            for (int e = 0; e < E; e++) pMean[e] += probs[o + e];
            float sel = 0;
            for (int j = 0; j < K; j++) {     // selection: strictly greater wins, so ties keep the lower index
                int best = -1;
                for (int e = 0; e < E; e++) {
                    if (taken(top, t * K, j, e)) continue;
                    if (best < 0 || probs[o + e] > probs[o + best]) best = e;
                }
                top[t * K + j] = best;
                sel += probs[o + best];
                assigned[best]++;
            }
            for (int j = 0; j < K; j++) wts[t * K + j] = probs[o + top[t * K + j]] / sel;
        }
        double bal = 0;
        for (int e = 0; e < E; e++) bal += (double) assigned[e] / ((double) n * K) * (pMean[e] / n);
        a.auxLoss = n == 0 ? 0 : E * bal;
        a.zLoss = n == 0 ? 0 : zSum / n;
        a.assigned = assigned;

        // Capacity: assignments in token order, each expert keeps its first C.
        boolean[] kept = a.kept = Buffers.grow(a.kept, nk);
        long[] keptCounts = a.keptCounts = new long[E];
        long cap = capacityFactor > 0 ? (long) Math.ceil(capacityFactor * n * K / E) : Long.MAX_VALUE;
        for (int i = 0; i < nk; i++) {
            int e = top[i];
            kept[i] = keptCounts[e] < cap;
            if (kept[i]) keptCounts[e]++;
        }
        int[] start = a.expertStart = Buffers.grow(a.expertStart, E + 1);
        start[0] = 0;
        for (int e = 0; e < E; e++) start[e + 1] = start[e] + (int) keptCounts[e];
        int m = a.m = start[E];
        int[] order = a.order = Buffers.grow(a.order, m);
        int[] fill = Arrays.copyOf(start, E);
        for (int i = 0; i < nk; i++) if (kept[i]) order[fill[top[i]]++] = i;
        int[] rowOf = a.rowOf = Buffers.grow(a.rowOf, nk);
        Arrays.fill(rowOf, 0, nk, -1);
        for (int r = 0; r < m; r++) rowOf[order[r]] = r;

        a.xe = Buffers.grow(a.xe, m * d);
        a.ge = Buffers.grow(a.ge, m * f);
        a.ue = Buffers.grow(a.ue, m * f);
        a.ae = Buffers.grow(a.ae, m * f);
        float[] ye = a.ye = Buffers.grow(a.ye, m * d);
        for (int r = 0; r < m; r++) System.arraycopy(xn, (order[r] / K) * d, a.xe, r * d, d);
        a.dropout = rng != null && expertDropout > 0;
        if (a.dropout) {
            a.dropMask = Buffers.grow(a.dropMask, m * f);
            float keep = (float) (1 - expertDropout);
            for (int i = 0; i < m * f; i++) a.dropMask[i] = rng.nextDouble() < expertDropout ? 0f : 1f / keep;
        }
        // Experts run in parallel, each as single-threaded matmuls over its own rows: no packing is
        // duplicated across threads and no fork/join per small product.
        Parallel.forChunks(E, E, (e, s0, e0) -> expertForward(e, a));
        // Combine per token; each token's rows are read by one thread, so no races.
        Parallel.forRange(n, (s, e2) -> {
            for (int t = s; t < e2; t++)
                for (int j = 0; j < K; j++) {
                    int r = rowOf[t * K + j];
                    if (r >= 0) MatMul.axpy(wts[t * K + j], ye, r * d, h, t * d, d);
                }
        });
    }

    private void expertForward(int e, MoeActivations a) {
        int d = cfg.hiddenSize(), r0 = a.expertStart[e], ne = a.expertStart[e + 1] - r0;
        if (ne == 0) return;
        w1[e].linear(a.xe, r0 * d, a.ge, r0 * f, ne, f, d, false);
        w3[e].linear(a.xe, r0 * d, a.ue, r0 * f, ne, f, d, false);
        SwiGlu.forward(a.ge, a.ue, a.ae, r0 * f, ne * f);
        if (a.dropout) for (int i = r0 * f; i < (r0 + ne) * f; i++) a.ae[i] *= a.dropMask[i];
        w2[e].linear(a.ae, r0 * f, a.ye, r0 * d, ne, d, f, false);
    }

    /** One expert's backward; its weight gradients are its own, so experts run in parallel. */
    private void expertBackward(int e, MoeActivations a, Gradients g, BackwardScratch s) {
        int d = cfg.hiddenSize(), r0 = a.expertStart[e], ne = a.expertStart[e + 1] - r0;
        if (ne == 0) return;
        MatMul.xW(s.dExpertOut, r0 * d, w2[e].w, 0, s.dAct, r0 * f, ne, d, f, false);
        MatMul.xtY(s.dExpertOut, r0 * d, a.ae, r0 * f, g.of(w2[e]), 0, ne, d, f, true);
        if (a.dropout) for (int i = r0 * f; i < (r0 + ne) * f; i++) s.dAct[i] *= a.dropMask[i];
        SwiGlu.backward(s.dAct, a.ge, a.ue, s.dGate, s.dUp, r0 * f, ne * f);
        MatMul.xW(s.dGate, r0 * f, w1[e].w, 0, s.dExpertIn, r0 * d, ne, f, d, false);
        MatMul.xW(s.dUp, r0 * f, w3[e].w, 0, s.dExpertIn, r0 * d, ne, f, d, true);
        MatMul.xtY(s.dGate, r0 * f, a.xe, r0 * d, g.of(w1[e]), 0, ne, f, d, true);
        MatMul.xtY(s.dUp, r0 * f, a.xe, r0 * d, g.of(w3[e]), 0, ne, f, d, true);
    }

    private static boolean taken(int[] top, int base, int j, int e) {
        for (int i = 0; i < j; i++) if (top[base + i] == e) return true;
        return false;
    }

    /**
     * Given dh after the block, adds the block's share to dh and its weights' gradients to g.
     * auxScale and zScale are d(total loss)/d(A_l) and d(total loss)/d(Z_l).
     */
    void backward(float[] dh, double auxScale, double zScale, MoeActivations a, Gradients g, BackwardScratch s) {
        int d = cfg.hiddenSize(), n = a.n, m = a.m;
        int[] order = a.order, rowOf = a.rowOf, top = a.top;
        float[] wts = a.weights, probs = a.probs;
        float[] dwts = s.dWeights = Buffers.zeroed(s.dWeights, n * K);
        float[] dye = s.dExpertOut = Buffers.zeroed(s.dExpertOut, m * d);
        Parallel.forRange(m, (s0, e0) -> {
            for (int r = s0; r < e0; r++) {
                int i = order[r], t = i / K;
                dwts[i] = MatMul.dot(dh, t * d, a.ye, r * d, d);
                MatMul.axpy(wts[i], dh, t * d, dye, r * d, d);
            }
        });
        s.dAct = Buffers.grow(s.dAct, m * f);
        s.dGate = Buffers.grow(s.dGate, m * f);
        s.dUp = Buffers.grow(s.dUp, m * f);
        float[] dxe = s.dExpertIn = Buffers.grow(s.dExpertIn, m * d);
        Parallel.forChunks(E, E, (e, s0, e0) -> expertBackward(e, a, g, s));
        float[] dxn = s.dxn = Buffers.zeroed(s.dxn, n * d);
        Parallel.forRange(n, (s0, e0) -> {     // by token, so no two threads add into one row
            for (int t = s0; t < e0; t++)
                for (int j = 0; j < K; j++) {
                    int r = rowOf[t * K + j];
                    if (r >= 0) MatMul.axpy(1f, dxe, r * d, dxn, t * d, d);
                }
        });

        // Router: through the renormalized top-k weights, the balance loss and the z-loss.
        float[] dr = s.dRouter = Buffers.grow(s.dRouter, n * E);
        float[] dp = s.dProbs = Buffers.grow(s.dProbs, E);
        for (int t = 0; t < n; t++) {
            int o = t * E;
            Arrays.fill(dp, 0, E, 0f);
            float sel = 0, wdw = 0;
            for (int j = 0; j < K; j++) { sel += probs[o + top[t * K + j]]; wdw += dwts[t * K + j] * wts[t * K + j]; }
            for (int j = 0; j < K; j++) dp[top[t * K + j]] += (dwts[t * K + j] - wdw) / sel;
            for (int e = 0; e < E; e++) dp[e] += (float) (auxScale * E * ((double) a.assigned[e] / ((double) n * K)) / n);
            float dot = 0;
            for (int e = 0; e < E; e++) dot += dp[e] * probs[o + e];
            float zg = (float) (zScale * 2 * a.lse[t] / n);
            for (int e = 0; e < E; e++) dr[o + e] = probs[o + e] * (dp[e] - dot) + zg * probs[o + e];
        }
        MatMul.xW(dr, 0, router.w, 0, dxn, 0, n, E, d, true);
        MatMul.xtY(dr, 0, a.norm.out, 0, g.of(router), 0, n, E, d, true);
        a.norm.backward(norm.w, g.of(norm), dxn, dh, n, d);
    }

    /** Router logits p[o, o+E) to probabilities, in place; returns their log-sum-exp (for the z-loss). */
    static double softmaxInPlace(float[] p, int o, int E) {
        float max = Float.NEGATIVE_INFINITY;
        for (int e = 0; e < E; e++) max = Math.max(max, p[o + e]);
        double s = 0;
        for (int e = 0; e < E; e++) s += Math.exp(p[o + e] - max);
        double l = max + Math.log(s);
        for (int e = 0; e < E; e++) p[o + e] = (float) Math.exp(p[o + e] - l);
        return l;
    }
}
