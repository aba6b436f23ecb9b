package dev.vantage.inference;

import java.util.Optional;

/**
 * Execution guidance: whether a candidate SQL runs on the question's database. Implemented above
 * this layer by the safe executor; inference only asks.
 */
@FunctionalInterface
public interface CandidateCheck {
    /** Why this SQL must give way to the next candidate (an error, an empty result), or empty when it is fine. */
    Optional<String> problem(String sql);
}
