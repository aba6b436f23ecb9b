package dev.vantage.model;

/**
 * What one MoE block's training forward keeps for backward: the routing decisions and the expert
 * rows, grouped by expert. n tokens, K = experts per token, E experts, f = moe_intermediate_size,
 * m = assignments kept after the capacity (m <= n*K). Buffers grow, then are reused.
 */
final class MoeActivations {
    final NormActivations norm = new NormActivations();   // out = xn [n, d], the router's and experts' input
    int n, m;
    float[] probs;        // [n, E] router probabilities
    float[] lse;          // [n] log-sum-exp of the router logits (z-loss)
    float[] weights;      // [n*K] top-k probabilities renormalized over the top-k
    int[] top;            // [n*K] expert of each assignment, best first per token
    boolean[] kept;       // [n*K] the assignment survived the capacity
    int[] order;          // [m] assignment (t*K + j) of each grouped row, grouped by expert in token order
    int[] expertStart;    // [E+1] first grouped row of each expert
    int[] rowOf;          // [n*K] grouped row of each kept assignment, -1 if dropped
    float[] xe, ye;       // [m, d] expert inputs (rows of xn) and outputs
    float[] ge, ue, ae;   // [m, f] w1 (gate) and w3 (up) outputs, silu(ge) * ue (dropout applied)
    float[] dropMask;     // [m, f] expert dropout mask in {0, 1/keep}, when dropout is on
    boolean dropout;
    // Statistics of the last forward.
    double auxLoss, zLoss;
    long[] assigned, keptCounts;   // [E] top-k assignments per expert, and those kept (fresh arrays: they leave in the Output)

    /** Identifies this forward's routing (top-k and capacity drops, K experts per token), for gradient checks. */
    long routingHash(int K) {
        long h = 17;
        for (int i = 0; i < n * K; i++) h = 31 * h + (kept[i] ? top[i] + 1 : -top[i] - 1);
        return h;
    }
}
