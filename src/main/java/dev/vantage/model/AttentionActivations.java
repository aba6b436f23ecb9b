package dev.vantage.model;

import dev.vantage.engine.Attention;

/**
 * What one attention block's training forward keeps for its backward. Owned by a {@link TrainingState};
 * the buffers grow to the largest batch seen and are reused, so a step allocates nothing once warm.
 * nq: query tokens (this block's rows), nk: key tokens (the same rows for self-attention, the schema's
 * for cross-attention).
 */
final class AttentionActivations {
    final NormActivations norm = new NormActivations();   // out = xn [nq, d], q_proj's input
    float[] q;        // [nq, H*hd] queries (RoPE applied in self-attention)
    float[] k, v;     // [nk, Hkv*hd] keys (RoPE applied in self-attention) and values
    float[] att;      // [nq, H*hd] attention output, o_proj's input
    float[] p;        // softmax probabilities, per row r and head h a [qLen_r, kLen_r] block (offsets in attention.pOff)
    float[] keep;     // attention dropout's factors in p's layout (0 or 1/(1 - rate)); read only when attention.keep is set
    Rows queries, keys;   // the packed rows of the last forward (keys == queries in self-attention)
    Attention.Rows rows;          // the same rows as the kernel reads them (which keys each query sees)
    Attention.Tensors attention;  // the kernel's view of q, k, v, att, p and p's [rows + 1] offsets, for backward
    float[] memory;   // cross-attention: the encoded schema M [nk, d], k_proj's and v_proj's input (not a copy)
}
