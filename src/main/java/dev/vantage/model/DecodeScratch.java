package dev.vantage.model;

/**
 * Buffers of one inference call over n new tokens, owned by one {@link DecodeState} (never shared
 * between states, so threads decoding different questions share nothing mutable). Grown on demand,
 * then reused: a decoding step allocates nothing once the buffers have reached their size.
 */
final class DecodeScratch {
    int rows = -1;
    int[] ids, pos, owner;                  // [n] token, position, index of the owning state
    float[] h, xn, rstd;                    // [n, d] residual stream, normalized input; [n]
    float[] q, k, v, att;                   // [n, H*hd], [n, Hkv*hd], [n, Hkv*hd], [n, H*hd]
    float[] scores;                         // [max keys] one head's attention row
    float[] router;                         // [n, E] router logits, then probabilities
    int[] top, order, count, eStart, rowOf; // [n*K], [n*K], [E], [E+1], [n*K]
    float[] wts;                            // [n*K] renormalized top-k weights
    float[] xe, ye;                         // [n*K, d] expert inputs / outputs grouped by expert
    float[] ge, ue, ae;                     // [n*K, f] gate, up, activation
    int[] active;                           // [E] experts with rows in this call
    float[] logits;                         // [m, V] for the m rows whose logits are asked for (one per state)
    float[] hn, hnRstd;                     // [m, d] final-normed rows for the LM head; [m]
    private int outRows = -1;

    void ensure(ModelConfig c, int n, int m, int maxKeys) {
        int d = c.hiddenSize(), qd = c.numAttentionHeads() * c.headDim(), kvd = c.kvDim();
        int E = c.numLocalExperts(), K = c.numExpertsPerTok(), f = c.moeIntermediateSize(), V = c.vocabSize();
        if (scores == null || scores.length < maxKeys) scores = new float[Math.max(maxKeys, 64)];
        if (m > outRows) {
            outRows = m;
            logits = new float[m * V];
            hn = new float[m * d];
            hnRstd = new float[m];
        }
        if (n <= rows) return;
        rows = n;
        ids = new int[n]; pos = new int[n]; owner = new int[n];
        h = new float[n * d]; xn = new float[n * d]; rstd = new float[n];
        q = new float[n * qd]; k = new float[n * kvd]; v = new float[n * kvd]; att = new float[n * qd];
        router = new float[n * E];
        top = new int[n * K]; order = new int[n * K]; count = new int[E]; eStart = new int[E + 1]; rowOf = new int[n * K];
        wts = new float[n * K];
        xe = new float[n * K * d]; ye = new float[n * K * d];
        ge = new float[n * K * f]; ue = new float[n * K * f]; ae = new float[n * K * f];
        active = new int[E];
    }
}
