package dev.vantage.evaluation.execution;

/** A query refused before it reached the database: not one read-only SELECT, or not parseable. */
public final class UnsafeQueryException extends Exception {
    public UnsafeQueryException(String message) {
        super(message);
    }

    public UnsafeQueryException(String message, Throwable cause) {
        super(message, cause);
    }
}
