package dev.vantage.evaluation.execution;

import java.time.Duration;

/**
 * Bounds on one query.
 *
 * @param timeout  wall time before the watchdog cancels the statement
 * @param maxRows  rows read back before the query is stopped as too large
 * @param maxBytes approximate bytes read back (strings count two bytes a char) before it is stopped
 */
public record ExecutionLimits(Duration timeout, int maxRows, long maxBytes) {
    public static final ExecutionLimits DEFAULT = new ExecutionLimits(Duration.ofSeconds(30), 200_000, 128L << 20);

    public ExecutionLimits {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (maxRows <= 0 || maxBytes <= 0) {
            throw new IllegalArgumentException("row and byte caps must be positive");
        }
    }
}
