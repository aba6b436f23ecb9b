package dev.vantage.model;

/**
 * One question's encoded schema as the decoder reads it: for every decoder layer with
 * cross-attention, the keys and values of the schema memory M, computed once per question. Never
 * written after construction, so all beams and forks of the question share it, from any thread.
 */
public final class SchemaMemory {
    /** S, the number of schema tokens. */
    final int length;
    /** Per decoder layer: [S, Hkv*hd] = M W_k^T and M W_v^T where cross(l), null elsewhere. */
    final float[][] k, v;

    SchemaMemory(int length, float[][] k, float[][] v) {
        this.length = length;
        this.k = k;
        this.v = v;
    }

    public int length() { return length; }
}
