package dev.vantage.evaluation.execution;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one untrusted query on a read-only connection: the guard first, then the statement under a
 * watchdog, reading back at most the capped rows and bytes.
 *
 * <p>The watchdog calls {@link Statement#cancel()} at the deadline. With sqlite-jdbc that is
 * {@code sqlite3_interrupt}, which stops a running step; {@code setQueryTimeout} would not, since that
 * driver only turns it into a busy timeout. With DuckDB's driver it is {@code duckdb_interrupt}, which
 * also stops a running query. After a cancel the connection stays usable. Both are no-ops when the
 * engine is not yet executing (still preparing, or the thread was descheduled before it started), so
 * the watchdog cancels again every {@link #RECANCEL} until the query ends: with one cancel, a hostile
 * DuckDB statement on a loaded machine ran for half an hour past its 150 ms timeout.
 */
public final class SafeExecutor implements AutoCloseable {
    /** How often the watchdog cancels again after the deadline while the query still runs. */
    static final java.time.Duration RECANCEL = java.time.Duration.ofMillis(25);
    private final ReadOnlyQueryGuard guard = new ReadOnlyQueryGuard();
    private final ExecutionLimits limits;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("sql-watchdog").factory());

    public SafeExecutor(ExecutionLimits limits) {
        this.limits = limits;
    }

    public ExecutionLimits limits() {
        return limits;
    }

    /** Checks and runs {@code sql}; never throws for anything the query does. */
    public ExecutionOutcome execute(Connection connection, String sql) {
        try {
            guard.check(sql);
        } catch (UnsafeQueryException e) {
            return ExecutionOutcome.failed(ExecutionOutcome.Status.REFUSED, e.getMessage(), 0);
        }
        return executeChecked(connection, sql);
    }

    /** The engine's barriers alone, for tests that show what the connection refuses without the guard. */
    ExecutionOutcome executeWithoutGuard(Connection connection, String sql) {
        return executeChecked(connection, sql);
    }

    private ExecutionOutcome executeChecked(Connection connection, String sql) {
        long start = System.nanoTime();
        Watch watch = new Watch();
        try (Statement statement = connection.createStatement()) {
            statement.setMaxRows(limits.maxRows() + 1); // a driver hint; the loop below enforces the cap
            ScheduledFuture<?> alarm = watchdog.scheduleWithFixedDelay(() -> watch.fire(statement),
                    limits.timeout().toNanos(), RECANCEL.toNanos(), TimeUnit.NANOSECONDS);
            try {
                return read(statement, sql, start);
            } finally {
                watch.finish();
                alarm.cancel(false);
            }
        } catch (SQLException | RuntimeException e) {
            long elapsed = System.nanoTime() - start;
            if (watch.fired()) {
                return ExecutionOutcome.failed(ExecutionOutcome.Status.TIMEOUT,
                        "stopped after " + limits.timeout().toMillis() + " ms", elapsed);
            }
            if (String.valueOf(e.getMessage()).contains("SQLITE_INTERRUPT")) {
                // Not the watchdog: the only other interrupt is the temporary-file budget's.
                return ExecutionOutcome.failed(ExecutionOutcome.Status.TOO_LARGE,
                        "temporary files passed the budget of the SQLite connection", elapsed);
            }
            return ExecutionOutcome.failed(ExecutionOutcome.Status.ERROR, String.valueOf(e.getMessage()), elapsed);
        } finally {
            endTransaction(connection);
        }
    }

    /**
     * Cancels a statement, as often as the watchdog calls, but never after its query has finished: on
     * a pooled connection a late cancel would interrupt the next, innocent query.
     */
    private static final class Watch {
        private boolean finished;
        private boolean fired;

        synchronized void fire(Statement statement) {
            if (finished) {
                return;
            }
            fired = true;
            try {
                statement.cancel();
            } catch (SQLException ignored) {
                // The statement closed meanwhile: nothing left to stop.
            }
        }

        synchronized void finish() {
            finished = true;
        }

        synchronized boolean fired() {
            return fired;
        }
    }

    private ExecutionOutcome read(Statement statement, String sql, long start) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rows.getMetaData();
            int width = meta.getColumnCount();
            List<String> columns = new ArrayList<>(width);
            for (int i = 1; i <= width; i++) {
                columns.add(meta.getColumnLabel(i));
            }
            List<List<Object>> read = new ArrayList<>();
            long bytes = 0;
            while (rows.next()) {
                if (read.size() >= limits.maxRows()) {
                    return tooLarge("more than " + limits.maxRows() + " rows", start);
                }
                List<Object> row = new ArrayList<>(width);
                bytes += ROW_OVERHEAD;
                for (int i = 1; i <= width; i++) {
                    Object value = normalize(rows.getObject(i));
                    bytes += approximateBytes(value);
                    row.add(value);
                }
                if (bytes > limits.maxBytes()) {
                    return tooLarge("more than " + limits.maxBytes() + " bytes", start);
                }
                read.add(java.util.Collections.unmodifiableList(row));
            }
            return ExecutionOutcome.ok(new QueryResult(columns, read), System.nanoTime() - start);
        }
    }

    private static ExecutionOutcome tooLarge(String why, long start) {
        return ExecutionOutcome.failed(ExecutionOutcome.Status.TOO_LARGE, "result has " + why, System.nanoTime() - start);
    }

    /**
     * SQLite hands back Integer or Long depending on magnitude, DuckDB a BigInteger for HUGEINT (the type
     * of {@code sum} over integers); one integer type keeps comparisons simple.
     */
    private static Object normalize(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof java.math.BigInteger big && big.bitLength() < Long.SIZE) {
            return big.longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        return value;
    }

    /** Heap taken by a row's list beyond its values (object header, array, reference). */
    private static final long ROW_OVERHEAD = 48;

    /**
     * Heap a value takes once read back: every value costs at least a reference and an object, so that
     * a million empty strings or NULLs count as the megabytes they occupy, not as nothing.
     */
    static long approximateBytes(Object value) {
        return switch (value) {
            case null -> 8;
            case String s -> 48 + 2L * s.length();
            case byte[] b -> 24 + b.length;
            default -> 24;
        };
    }

    /** Drivers that run read-only inside a transaction (PostgreSQL) get it closed; SQLite autocommits. */
    private static void endTransaction(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // A broken connection is detected and dropped by the pool on release.
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
