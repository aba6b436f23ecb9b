package dev.vantage.evaluation.bird;

/**
 * One BIRD question's outcome.
 *
 * @param difficulty simple, moderate or challenging ("" when no difficulty file was given)
 * @param reward     R-VES reward, or null when R-VES was not run
 * @param detail     why it failed, empty when correct
 * @param validSql   the prediction passed the guard and ran without error
 */
public record BirdQuestion(int index, String dbId, String difficulty, String gold, String pred, String skipReason,
                           boolean correct, Double timeRatio, Double reward, String detail,
                           boolean validSql) {
    public boolean isSkipped() {
        return skipReason != null;
    }
}
