package dev.vantage.evaluation.execution;

/**
 * What happened to one query: its rows, or why there are none.
 *
 * @param elapsedNanos wall time of execute plus fetch (0 when refused before reaching the database)
 */
public record ExecutionOutcome(Status status, QueryResult result, String message, long elapsedNanos) {

    public enum Status {
        /** Ran and every row was read back. */
        OK,
        /** Refused by the guard before reaching the database. */
        REFUSED,
        /** The database reported an error (syntax, unknown column, write attempt, ...). */
        ERROR,
        /** Stopped by the watchdog at the time limit. */
        TIMEOUT,
        /** Stopped because the result passed the row or byte cap. */
        TOO_LARGE
    }

    public static ExecutionOutcome ok(QueryResult result, long elapsedNanos) {
        return new ExecutionOutcome(Status.OK, result, "", elapsedNanos);
    }

    public static ExecutionOutcome failed(Status status, String message, long elapsedNanos) {
        return new ExecutionOutcome(status, null, message, elapsedNanos);
    }

    public boolean isOk() {
        return status == Status.OK;
    }
}
