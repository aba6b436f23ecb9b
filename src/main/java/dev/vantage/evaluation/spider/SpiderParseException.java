package dev.vantage.evaluation.spider;

/** The official Spider grammar does not accept this SQL (where process_sql would raise). */
public final class SpiderParseException extends Exception {
    public SpiderParseException(String message) {
        super(message);
    }
}
