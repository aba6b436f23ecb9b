package dev.vantage.inference;

import java.util.List;

/**
 * Candidates best first (the caller picks, e.g. the first that executes), and what they cost.
 *
 * @param candidates best first; never empty
 * @param stats      model steps, constraint calls, times
 */
public record GenerationResult(List<Candidate> candidates, Stats stats) {
    public Candidate best() { return candidates.getFirst(); }

    /**
     * @param steps         decoder passes after the prefill (a batched beam step counts once)
     * @param tokens        tokens run through the decoder after the prefill (one per beam per step)
     * @param tried         candidate tokens offered to the constraint ({@code advance} and {@code canEnd} calls)
     * @param forks         decoding states copied for beams
     * @param prefillNanos  schema encoding and prompt
     * @param decodeNanos   everything after the prefill
     */
    public record Stats(int steps, int tokens, long tried, int forks, long prefillNanos, long decodeNanos) {}
}
