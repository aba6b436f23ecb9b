package dev.vantage.inference;

/**
 * How to generate: greedy, beam search (width, length penalty, n-best) or sampling (temperature,
 * top-p, top-k, seed), each with a maximum number of new tokens (the closing {@code <eos>} counts).
 * Build with {@link #greedy}, {@link #beam} or {@link #sampling}; fields that a strategy does not use
 * hold neutral values.
 *
 * @param lengthPenalty beam score = log-prob / (generated tokens)^lengthPenalty; 0 ranks by log-prob
 * @param nBest         candidates returned: at most the beam width; for sampling, independent samples
 * @param topP          sampling: smallest set of allowed tokens, by descending probability, holding
 *                      this share of the probability the constraint left (1 = no nucleus cut)
 * @param topK          sampling: at most this many allowed tokens (0 = no limit)
 * @param valueConstraint with the schema constraint: string and number literals only from the question
 *                        or the database's linked values (default on; off for ablation)
 * @param structureLimits with the schema constraint: bounds on table repeats per FROM and nesting depth,
 *                        no condition repeated within one AND/OR list (default on; off for ablation)
 * @param linkWeight      greedy and beam search under a constraint that knows the question's table links: a
 *                        token's score adds this times its change of {@link ConstraintState#linkPotential}, so
 *                        a query's score is its log-probability plus this times the link scores of the tables
 *                        it binds (0 = off)
 */
public record GenerationConfig(Strategy strategy, int maxNewTokens, int beamWidth, double lengthPenalty, int nBest,
                               double temperature, double topP, int topK, long seed, boolean valueConstraint,
                               boolean structureLimits, double linkWeight) {
    public enum Strategy { GREEDY, BEAM, SAMPLING }

    /** Measured on Spider dev (docs/CONSTRAINED-DECODING.md, "Link prior"). */
    public static final double DEFAULT_LINK_WEIGHT = 10;

    public GenerationConfig {
        if (strategy == null) throw new IllegalArgumentException("strategy is required");
        if (maxNewTokens < 1) throw new IllegalArgumentException("maxNewTokens must be >= 1, got " + maxNewTokens);
        if (beamWidth < 1) throw new IllegalArgumentException("beam width must be >= 1, got " + beamWidth);
        if (nBest < 1) throw new IllegalArgumentException("nBest must be >= 1, got " + nBest);
        if (strategy == Strategy.BEAM && nBest > beamWidth) throw new IllegalArgumentException("nBest " + nBest + " exceeds the beam width " + beamWidth);
        if (strategy == Strategy.GREEDY && nBest != 1) throw new IllegalArgumentException("greedy decoding returns one candidate");
        if (!(lengthPenalty >= 0)) throw new IllegalArgumentException("length penalty must be >= 0, got " + lengthPenalty);
        if (!(temperature > 0)) throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("top-p must be in (0, 1], got " + topP);
        if (topK < 0) throw new IllegalArgumentException("top-k must be >= 0 (0 = no limit), got " + topK);
        if (!(linkWeight >= 0)) throw new IllegalArgumentException("link weight must be >= 0, got " + linkWeight);
    }

    public static GenerationConfig greedy(int maxNewTokens) {
        return new GenerationConfig(Strategy.GREEDY, maxNewTokens, 1, 0, 1, 1, 1, 0, 0, true, true, DEFAULT_LINK_WEIGHT);
    }

    public static GenerationConfig beam(int width, double lengthPenalty, int nBest, int maxNewTokens) {
        return new GenerationConfig(Strategy.BEAM, maxNewTokens, width, lengthPenalty, nBest, 1, 1, 0, 0, true, true, DEFAULT_LINK_WEIGHT);
    }

    public static GenerationConfig sampling(double temperature, double topP, int topK, long seed, int maxNewTokens) {
        return new GenerationConfig(Strategy.SAMPLING, maxNewTokens, 1, 0, 1, temperature, topP, topK, seed, true, true, DEFAULT_LINK_WEIGHT);
    }

    /** The same config returning n candidates (beam: at most the width; sampling: n samples). */
    public GenerationConfig withNBest(int n) {
        return new GenerationConfig(strategy, maxNewTokens, beamWidth, lengthPenalty, n, temperature, topP, topK, seed,
                valueConstraint, structureLimits, linkWeight);
    }

    public GenerationConfig withMaxNewTokens(int n) {
        return new GenerationConfig(strategy, n, beamWidth, lengthPenalty, nBest, temperature, topP, topK, seed,
                valueConstraint, structureLimits, linkWeight);
    }

    public GenerationConfig withValueConstraint(boolean on) {
        return new GenerationConfig(strategy, maxNewTokens, beamWidth, lengthPenalty, nBest, temperature, topP, topK, seed,
                on, structureLimits, linkWeight);
    }

    public GenerationConfig withStructureLimits(boolean on) {
        return new GenerationConfig(strategy, maxNewTokens, beamWidth, lengthPenalty, nBest, temperature, topP, topK, seed,
                valueConstraint, on, linkWeight);
    }

    public GenerationConfig withLinkWeight(double w) {
        return new GenerationConfig(strategy, maxNewTokens, beamWidth, lengthPenalty, nBest, temperature, topP, topK, seed,
                valueConstraint, structureLimits, w);
    }
}
