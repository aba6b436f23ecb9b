package dev.vantage.inference;

/** Immutable state of one hypothesis; safe to share between beams. */
public interface ConstraintState {
    /** The state after appending text, or null when text cannot continue this prefix. */
    ConstraintState advance(String text);
    /** Whether the output so far is a complete query (so <eos> may follow). */
    boolean canEnd();

    /**
     * How strongly the question points at the names and values this prefix uses: the sum of the link
     * scores it has earned (tables bound, columns used, value columns compared, linked values written),
     * plus the best score the word being typed may still earn. A potential: over a whole query the
     * changes add up to the final value. 0 for constraints that know no links.
     */
    default double linkPotential() { return 0; }

    /**
     * The most {@link #linkPotential} can rise on appending one token that is an optional space and
     * then word characters only, or that holds no letter or underscore (see
     * {@link TokenTexts#wordsStartAtFront}). Lets decoding stop its walk down the logits early where no
     * name or linked value can start.
     */
    default double linkRise() { return 0; }
}
