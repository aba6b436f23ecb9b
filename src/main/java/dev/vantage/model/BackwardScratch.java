package dev.vantage.model;

/**
 * Gradient buffers that live only while one block runs backward. Blocks run backward one at a time,
 * so one set serves every block of a {@link TrainingState}; each buffer grows to the largest block.
 * nq/nk: query/key tokens of an attention block, n: a feed-forward's rows, m: an MoE block's grouped
 * expert rows, f: the feed-forward width.
 */
final class BackwardScratch {
    float[] dAtt;                 // [nq, H*hd] d(attention output)
    float[] dq;                   // [nq, H*hd]
    float[] dk, dv;               // [nk, Hkv*hd]
    float[] dxn;                  // [n, d] d(the block's normalized input)
    float[] dAct, dGate, dUp;     // [n or m, f] d(silu(gate) * up), d(gate), d(up)
    float[] dWeights;             // [n*K] d(renormalized top-k weights)
    float[] dExpertOut, dExpertIn;// [m, d]
    float[] dRouter;              // [n, E] d(router logits)
    float[] dProbs;               // [E] one token's d(router probabilities)
}
