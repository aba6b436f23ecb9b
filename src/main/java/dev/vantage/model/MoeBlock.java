package dev.vantage.model;

import dev.vantage.engine.MatMul;
import dev.vantage.engine.Parallel;
import dev.vantage.engine.SwiGlu;

import java.util.SplittableRandom;

/**
 * h += MoE(RMSNorm(h)): softmax router, top-k with renormalized weights, optional capacity with
 * dropping, SwiGLU experts. Tokens are grouped by expert so that each expert runs as one matmul over
 * its tokens, forward and backward. Also computes the load-balancing and z losses and usage counts.
 */
final class MoeBlock {
    final Param norm, router;
    private final PreNorm pre;
    final Param[] w1, w3, w2;
    private final ModelConfig cfg;
    private final int E, K, f;

    // Activations kept for backward.
    private int n;
    private float[] xn, probs, lse, wts;
    private int[] top;            // [n*K] expert of each assignment, best first
    private boolean[] kept;       // [n*K]
    private int[] order, eStart;
    private int[] rowOf;          // [n*K] row of each kept assignment in the grouped buffers, -1 if dropped  // kept assignments grouped by expert; eStart[E+1]
    private float[] xe, ge, ue, ae, ye, dropMask;
    private boolean useDropout;
    private float[] dwts, dye, dae, dge, due, dxe, dxn, dr;   // backward scratch
    // Statistics of the last forward.
    double auxLoss, zLoss;
    long[] assigned, keptCounts;

    MoeBlock(ModelConfig cfg, String prefix, boolean alloc) {
        this.cfg = cfg;
        int d = cfg.hiddenSize();
        E = cfg.numLocalExperts();
        K = cfg.numExpertsPerTok();
        f = cfg.moeIntermediateSize();
        norm = new Param(prefix + "post_attention_layernorm.weight", alloc, d);
        pre = new PreNorm(norm, cfg);
        router = new Param(prefix + "block_sparse_moe.gate.weight", alloc, E, d);
        w1 = new Param[E]; w3 = new Param[E]; w2 = new Param[E];
        for (int e = 0; e < E; e++) {
            String ep = prefix + "block_sparse_moe.experts." + e + ".";
            w1[e] = new Param(ep + "w1.weight", alloc, f, d);
            w2[e] = new Param(ep + "w2.weight", alloc, d, f);
            w3[e] = new Param(ep + "w3.weight", alloc, f, d);
        }
    }

    Param[] params() {
        Param[] ps = new Param[2 + 3 * E];
        ps[0] = norm; ps[1] = router;
        for (int e = 0; e < E; e++) { ps[2 + 3 * e] = w1[e]; ps[3 + 3 * e] = w2[e]; ps[4 + 3 * e] = w3[e]; }
        return ps;
    }

    /** capacityFactor 0 = dropless; expertDropout applies to the expert hidden units when rng != null. */
    void forward(float[] h, int n, double capacityFactor, double expertDropout, SplittableRandom rng) {
        this.n = n;
        int d = cfg.hiddenSize();
        xn = pre.forward(h, n, d);
        probs = Buffers.grow(probs, n * E);
        router.linear(xn, 0, probs, 0, n, E, d, false);
        lse = Buffers.grow(lse, n);
        top = new int[n * K];
        wts = Buffers.grow(wts, n * K);
        double zSum = 0;
        double[] pMean = new double[E];
        assigned = new long[E];
        for (int t = 0; t < n; t++) {
            int o = t * E;
            double l = softmaxInPlace(probs, o, E);
            lse[t] = (float) l;
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
        double a = 0;
        for (int e = 0; e < E; e++) a += (double) assigned[e] / ((double) n * K) * (pMean[e] / n);
        auxLoss = n == 0 ? 0 : E * a;
        zLoss = n == 0 ? 0 : zSum / n;

        // Capacity: assignments in token order, each expert keeps its first C.
        kept = new boolean[n * K];
        keptCounts = new long[E];
        long cap = capacityFactor > 0 ? (long) Math.ceil(capacityFactor * n * K / E) : Long.MAX_VALUE;
        for (int i = 0; i < n * K; i++) {
            int e = top[i];
            if (keptCounts[e] < cap) { kept[i] = true; keptCounts[e]++; }
        }
        eStart = new int[E + 1];
        for (int e = 0; e < E; e++) eStart[e + 1] = eStart[e] + (int) keptCounts[e];
        order = new int[eStart[E]];
        int[] fill = eStart.clone();
        for (int i = 0; i < n * K; i++) if (kept[i]) order[fill[top[i]]++] = i;

        int m = order.length;
        xe = Buffers.grow(xe, m * d);
        ge = Buffers.grow(ge, m * f);
        ue = Buffers.grow(ue, m * f);
        ae = Buffers.grow(ae, m * f);
        ye = Buffers.grow(ye, m * d);
        for (int r = 0; r < m; r++) System.arraycopy(xn, (order[r] / K) * d, xe, r * d, d);
        useDropout = rng != null && expertDropout > 0;
        if (useDropout) {
            dropMask = Buffers.grow(dropMask, m * f);
            float keep = (float) (1 - expertDropout);
            for (int i = 0; i < m * f; i++) dropMask[i] = rng.nextDouble() < expertDropout ? 0f : 1f / keep;
        }
        // Experts run in parallel, each as single-threaded matmuls over its own rows: no packing is
        // duplicated across threads and no fork/join per small product.
        Parallel.forChunks(E, E, (e, s0, e0) -> expertForward(e));
        // Combine per token; each token's rows are read by one thread, so no races.
        rowOf = new int[n * K];
        java.util.Arrays.fill(rowOf, -1);
        for (int r = 0; r < m; r++) rowOf[order[r]] = r;
        Parallel.forRange(n, (s, e2) -> {
            for (int t = s; t < e2; t++)
                for (int j = 0; j < K; j++) {
                    int r = rowOf[t * K + j];
                    if (r >= 0) MatMul.axpy(wts[t * K + j], ye, r * d, h, t * d, d);
                }
        });
    }

    private void expertForward(int e) {
        int d = cfg.hiddenSize(), r0 = eStart[e], ne = eStart[e + 1] - r0;
        if (ne == 0) return;
        w1[e].linear(xe, r0 * d, ge, r0 * f, ne, f, d, false);
        w3[e].linear(xe, r0 * d, ue, r0 * f, ne, f, d, false);
        SwiGlu.forward(ge, ue, ae, r0 * f, ne * f);
        if (useDropout) for (int i = r0 * f; i < (r0 + ne) * f; i++) ae[i] *= dropMask[i];
        w2[e].linear(ae, r0 * f, ye, r0 * d, ne, d, f, false);
    }

    /** One expert's backward; its weight gradients are its own, so experts run in parallel. */
    private void expertBackward(int e) {
        int d = cfg.hiddenSize(), r0 = eStart[e], ne = eStart[e + 1] - r0;
        if (ne == 0) return;
        MatMul.xW(dye, r0 * d, w2[e].w, 0, dae, r0 * f, ne, d, f, false);
        MatMul.xtY(dye, r0 * d, ae, r0 * f, w2[e].g, 0, ne, d, f, true);
        if (useDropout) for (int i = r0 * f; i < (r0 + ne) * f; i++) dae[i] *= dropMask[i];
        SwiGlu.backward(dae, ge, ue, dge, due, r0 * f, ne * f);
        MatMul.xW(dge, r0 * f, w1[e].w, 0, dxe, r0 * d, ne, f, d, false);
        MatMul.xW(due, r0 * f, w3[e].w, 0, dxe, r0 * d, ne, f, d, true);
        MatMul.xtY(dge, r0 * f, xe, r0 * d, w1[e].g, 0, ne, f, d, true);
        MatMul.xtY(due, r0 * f, xe, r0 * d, w3[e].g, 0, ne, f, d, true);
    }

    long routingHash() {
        return 31L * java.util.Arrays.hashCode(top) + java.util.Arrays.hashCode(kept);
    }

    private static boolean taken(int[] top, int base, int j, int e) {
        for (int i = 0; i < j; i++) if (top[base + i] == e) return true;
        return false;
    }

    /** auxScale and zScale are d(total loss)/d(A_l) and d(total loss)/d(Z_l). */
    void backward(float[] dh, double auxScale, double zScale) {
        int d = cfg.hiddenSize(), m = order.length;
        dwts = Buffers.zeroed(dwts, n * K);
        dye = Buffers.zeroed(dye, m * d);
        Parallel.forRange(m, (s0, e0) -> {
            for (int r = s0; r < e0; r++) {
                int i = order[r], t = i / K;
                dwts[i] = MatMul.dot(dh, t * d, ye, r * d, d);
                MatMul.axpy(wts[i], dh, t * d, dye, r * d, d);
            }
        });
        dae = Buffers.grow(dae, m * f);
        dge = Buffers.grow(dge, m * f);
        due = Buffers.grow(due, m * f);
        dxe = Buffers.grow(dxe, m * d);
        Parallel.forChunks(E, E, (e, s0, e0) -> expertBackward(e));
        dxn = Buffers.zeroed(dxn, n * d);
        Parallel.forRange(n, (s0, e0) -> {     // by token, so no two threads add into one row
            for (int t = s0; t < e0; t++)
                for (int j = 0; j < K; j++) {
                    int r = rowOf[t * K + j];
                    if (r >= 0) MatMul.axpy(1f, dxe, r * d, dxn, t * d, d);
                }
        });

        // Router: through the renormalized top-k weights, the balance loss and the z-loss.
        dr = Buffers.grow(dr, n * E);
        float[] dp = new float[E];
        for (int t = 0; t < n; t++) {
            int o = t * E;
            java.util.Arrays.fill(dp, 0f);
            float sel = 0, wdw = 0;
            for (int j = 0; j < K; j++) { sel += probs[o + top[t * K + j]]; wdw += dwts[t * K + j] * wts[t * K + j]; }
            for (int j = 0; j < K; j++) dp[top[t * K + j]] += (dwts[t * K + j] - wdw) / sel;
            for (int e = 0; e < E; e++) dp[e] += (float) (auxScale * E * ((double) assigned[e] / ((double) n * K)) / n);
            float dot = 0;
            for (int e = 0; e < E; e++) dot += dp[e] * probs[o + e];
            float zg = (float) (zScale * 2 * lse[t] / n);
            for (int e = 0; e < E; e++) dr[o + e] = probs[o + e] * (dp[e] - dot) + zg * probs[o + e];
        }
        MatMul.xW(dr, 0, router.w, 0, dxn, 0, n, E, d, true);
        MatMul.xtY(dr, 0, xn, 0, router.g, 0, n, E, d, true);
        pre.backward(dxn, dh, n, d);
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
