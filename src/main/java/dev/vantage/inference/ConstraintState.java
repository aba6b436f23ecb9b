package dev.vantage.inference;

/** Immutable state of one hypothesis; safe to share between beams. */
public interface ConstraintState {
    /** The state after appending text, or null when text cannot continue this prefix. */
    ConstraintState advance(String text);
    /** Whether the output so far is a complete query (so <eos> may follow). */
    boolean canEnd();

    /**
     * How strongly the question points at the tables this prefix binds: the sum of their link scores
     * (each in [0, 1]), plus the best score among the tables the word being typed may still become
     * when it is a table name. A potential: a token's change of it never exceeds 1, and over a whole
     * query the changes add up to the final value. 0 for constraints that know no links.
     */
    default double linkPotential() { return 0; }

    /**
     * The most {@link #linkPotential} can rise on appending one token that is an optional space and
     * then word characters only, or that holds no letter or underscore (see
     * {@link TokenTexts#wordsStartAtFront}); at most 1. Lets decoding stop its walk down the logits early
     * where no table name can start.
     */
    default double linkRise() { return 0; }
}
