package dev.vantage.model;

import java.util.Arrays;
import java.util.IdentityHashMap;

/**
 * The decoding state of one sequence: the self-attention KV cache of every decoder layer, the
 * question's {@link SchemaMemory} (shared, read-only), the position, the logits after the last
 * token, and the state's own scratch buffers. The model's weights stay immutable and shared; a
 * state is used by one thread at a time, and states never share anything mutable, so threads
 * decoding different questions with one model each get exactly what they would get alone.
 *
 * <p>{@link #fork()} copies the cache (positions 0..pos only). For the models this project trains
 * on 2 cores the copy is a small fraction of a step ({@code bench decode} prints both); a shared,
 * copy-on-write prefix would pay off only for long prompts in the decoder (c = 0) and wide beams.
 */
public final class DecodeState {
    final VantageModel model;
    SchemaMemory memory;        // null when c = 0
    float[][] k, v;             // per decoder layer: [capacity, Hkv*hd] keys (RoPE applied) and values of positions 0..pos)
    int pos;                    // tokens in the cache; the next token goes to this position
    int capacity;
    float[] logits;             // [V] logits after the last token appended (null before the first)
    DecodeScratch scratch;      // this state's buffers; not copied by fork

    DecodeState(VantageModel model, SchemaMemory memory, int capacity) {
        this.model = model;
        this.memory = memory;
        int L = model.cfg.numHiddenLayers(), kvd = model.cfg.kvDim();
        this.capacity = Math.max(1, Math.min(capacity, model.cfg.maxPositionEmbeddings()));
        k = new float[L][this.capacity * kvd];
        v = new float[L][this.capacity * kvd];
    }

    /** Tokens in the cache: the position the next token takes. */
    public int position() { return pos; }

    public SchemaMemory memory() { return memory; }

    /** Logits [V] after the last token appended: the state's own buffer, overwritten by the next call. */
    public float[] logits() {
        if (logits == null) throw new IllegalStateException("no token appended yet");
        return logits;
    }

    /** Appends tokens (a prompt, or several tokens at once); returns the logits [V] after the last. */
    public float[] append(int[] ids) {
        if (ids.length == 0) throw new IllegalArgumentException("nothing to append");
        Inference.append(this, ids);
        return logits;
    }

    /** Appends one token; returns the logits [V] that predict the next one (the state's own buffer). */
    public float[] step(int id) {
        Inference.stepAll(new DecodeState[]{this}, new int[]{id});
        return logits;
    }

    /**
     * One token for each of several states (beams of a question, or different questions) in one
     * pass, so the weights are read once for all of them; afterwards each state's {@link #logits()}
     * holds its own. The states must be distinct and belong to the same model.
     */
    public static void stepAll(DecodeState[] states, int[] ids) {
        if (states.length != ids.length) throw new IllegalArgumentException(states.length + " states but " + ids.length + " tokens");
        if (states.length == 0) return;
        IdentityHashMap<DecodeState, Boolean> seen = new IdentityHashMap<>();
        for (DecodeState s : states) {
            if (s.model != states[0].model) throw new IllegalArgumentException("states of different models in one step");
            if (seen.put(s, Boolean.TRUE) != null) throw new IllegalArgumentException("the same state twice in one step");
        }
        Inference.stepAll(states, ids);
    }

    /** An independent copy: same schema memory (shared), cache and logits copied. */
    public DecodeState fork() {
        DecodeState c = new DecodeState(model, memory, Math.max(capacity, 1));
        c.copyFrom(this);
        return c;
    }

    /** Makes this state a copy of other (reusing this state's arrays when they are large enough). */
    public void copyFrom(DecodeState other) {
        if (other == this) return;
        if (other.model != model) throw new IllegalArgumentException("state of another model");
        int kvd = model.cfg.kvDim(), n = other.pos * kvd;
        if (capacity < other.pos) grow(other.capacity);
        for (int l = 0; l < k.length; l++) {
            System.arraycopy(other.k[l], 0, k[l], 0, n);
            System.arraycopy(other.v[l], 0, v[l], 0, n);
        }
        memory = other.memory;
        pos = other.pos;
        if (other.logits == null) logits = null;
        else {
            if (logits == null) logits = new float[other.logits.length];
            System.arraycopy(other.logits, 0, logits, 0, logits.length);
        }
    }

    /** Makes room for positions 0..need), doubling, at most max_position_embeddings. */
    void ensureCapacity(int need) {
        int max = model.cfg.maxPositionEmbeddings();
        if (need > max)
            throw new IllegalStateException("sequence of " + need + " tokens exceeds max_position_embeddings " + max);
        if (need > capacity) grow(Math.min(max, Math.max(need, 2 * capacity)));
    }

    private void grow(int cap) {
        int kvd = model.cfg.kvDim();
        for (int l = 0; l < k.length; l++) {
            k[l] = Arrays.copyOf(k[l], cap * kvd);
            v[l] = Arrays.copyOf(v[l], cap * kvd);
        }
        capacity = cap;
    }

    DecodeScratch scratch() {
        if (scratch == null) scratch = new DecodeScratch();
        return scratch;
    }
}
