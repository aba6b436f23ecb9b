package dev.vantage.evaluation.spider;

/**
 * One component's score for one question. The official scores are all-or-nothing: 1/1/1 when the
 * component's item counts agree and every predicted item matches, otherwise 0/0/0.
 *
 * @param labelTotal items in the gold query (recall is averaged over questions where this is positive)
 * @param predTotal  items in the prediction (accuracy is averaged over questions where this is positive)
 */
public record PartialScore(int acc, int rec, int f1, int labelTotal, int predTotal) {
    static PartialScore of(int count, int predTotal, int labelTotal) {
        int score = predTotal == labelTotal && count == predTotal ? 1 : 0;
        return new PartialScore(score, score, score, labelTotal, predTotal);
    }
}
