package dev.vantage.inference;

/** Immutable state of one hypothesis; safe to share between beams. */
public interface ConstraintState {
    /** The state after appending text, or null when text cannot continue this prefix. */
    ConstraintState advance(String text);
    /** Whether the output so far is a complete query (so <eos> may follow). */
    boolean canEnd();
}
