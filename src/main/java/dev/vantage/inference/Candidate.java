package dev.vantage.inference;

/**
 * One generated sequence.
 *
 * @param tokens   the generated token ids, without the closing {@code <eos>}
 * @param score    what candidates are ranked by: logProb, divided by length^penalty in beam search
 * @param logProb  sum of the model's log-probabilities (temperature 1, whole vocabulary) of the
 *                 generated tokens, {@code <eos>} included when finished
 * @param finished whether the sequence ended with {@code <eos>} (false: cut at the token limit, or no
 *                 allowed continuation was left)
 */
public record Candidate(int[] tokens, double score, double logProb, boolean finished) {}
