package dev.vantage.inference;

import dev.vantage.engine.CrossEntropy;
import dev.vantage.model.DecodeState;

/**
 * The decoding state of one hypothesis under an ensemble: one {@link DecodeState} per member model,
 * stepped with the same tokens. Its {@link #logits()} are the log of the members' mean next-token
 * probability (for one member, that member's own logits, untouched), so everything the generator
 * does with logits (the constraint's walk, renormalization, the link prior) works unchanged.
 */
final class EnsembleState {
    private final DecodeState[] members;
    private final double[] lse;     // [members] each member's log-normalizer at this step
    private float[] mixed;          // [V] log mean probability, valid while fresh
    private boolean fresh;

    EnsembleState(DecodeState[] members) {
        this.members = members;
        this.lse = new double[members.length];
    }

    DecodeState member(int m) { return members[m]; }

    int size() { return members.length; }

    /** Appends the prompt to every member. */
    void append(int[] ids) {
        for (DecodeState s : members) s.append(ids);
        fresh = false;
    }

    /** Logits [V] predicting the next token: this state's own buffer, overwritten after the next step. */
    float[] logits() {
        if (members.length == 1) return members[0].logits();
        if (fresh) return mixed;
        float[] first = members[0].logits();
        int V = first.length;
        if (mixed == null) mixed = new float[V];
        // log((1/M) sum_m p_m) = log sum_m exp(l_m - lse_m) - log M, accumulated as probabilities
        for (int m = 0; m < members.length; m++) lse[m] = CrossEntropy.logSumExp(members[m].logits(), 0, V);
        double logM = Math.log(members.length);
        for (int v = 0; v < V; v++) {
            double p = 0;
            for (int m = 0; m < members.length; m++) p += Math.exp(members[m].logits()[v] - lse[m]);
            mixed[v] = (float) (Math.log(p) - logM);
        }
        fresh = true;
        return mixed;
    }

    /** An independent copy of every member. */
    EnsembleState fork() {
        DecodeState[] c = new DecodeState[members.length];
        for (int m = 0; m < members.length; m++) c[m] = members[m].fork();
        return new EnsembleState(c);
    }

    /** Makes this state a copy of other, reusing its members' arrays. */
    void copyFrom(EnsembleState other) {
        for (int m = 0; m < members.length; m++) members[m].copyFrom(other.members[m]);
        fresh = false;
    }

    /** One token for each state, each member model stepping all its states in one batched pass. */
    static void stepAll(EnsembleState[] states, int[] ids) {
        if (states.length == 0) return;
        int n = states.length;
        for (int m = 0; m < states[0].members.length; m++) {
            DecodeState[] batch = new DecodeState[n];
            for (int i = 0; i < n; i++) batch[i] = states[i].members[m];
            DecodeState.stepAll(batch, ids);
        }
        for (EnsembleState s : states) s.fresh = false;
    }
}
