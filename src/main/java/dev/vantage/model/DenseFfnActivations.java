package dev.vantage.model;

/** What the schema encoder's feed-forward keeps for backward (n rows, f = schema_intermediate_size). */
final class DenseFfnActivations {
    final NormActivations norm = new NormActivations();   // out = xn [n, d]
    int n;
    float[] gate, up;   // [n, f] gate_proj(xn), up_proj(xn)
    float[] act;        // [n, f] silu(gate) * up, down_proj's input
}
