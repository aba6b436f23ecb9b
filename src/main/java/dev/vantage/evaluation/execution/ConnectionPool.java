package dev.vantage.evaluation.execution;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Keeps idle connections per database so that many queries on the same database reuse them. Unbounded
 * per database by design: the caller's thread pool bounds how many are in use at once.
 */
public final class ConnectionPool implements AutoCloseable {
    private final Map<String, Deque<Connection>> idle = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** A connection to the database: an idle one if there is one, else a new one. */
    public Connection borrow(DatabaseConnector database) throws SQLException {
        if (closed) {
            throw new SQLException("connection pool is closed");
        }
        Connection connection = idle.computeIfAbsent(database.key(), k -> new ConcurrentLinkedDeque<>()).pollFirst();
        return connection != null ? connection : database.open();
    }

    /** Returns a connection for reuse; one that no longer works is closed instead. */
    public void release(DatabaseConnector database, Connection connection) {
        try {
            if (closed || connection.isClosed()) {
                connection.close();
                return;
            }
        } catch (SQLException e) {
            closeQuietly(connection);
            return;
        }
        idle.computeIfAbsent(database.key(), k -> new ConcurrentLinkedDeque<>()).addFirst(connection);
    }

    /** Runs {@code sql} on a pooled connection of {@code database}. */
    public ExecutionOutcome execute(SafeExecutor executor, DatabaseConnector database, String sql) {
        String refusal = sql == null ? null : database.refusal(sql);
        if (refusal != null) {
            return ExecutionOutcome.failed(ExecutionOutcome.Status.REFUSED, refusal, 0);
        }
        Connection connection;
        try {
            connection = borrow(database);
        } catch (SQLException e) {
            return ExecutionOutcome.failed(ExecutionOutcome.Status.ERROR,
                    "cannot open " + database + ": " + e.getMessage(), 0);
        }
        boolean reusable = false;
        try {
            ExecutionOutcome outcome = executor.execute(connection, sql);
            reusable = database.reusableAfter(sql);
            return outcome;
        } finally {
            if (reusable) {
                release(database, connection);
            } else {
                closeQuietly(connection);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        idle.values().forEach(deque -> {
            Connection c;
            while ((c = deque.pollFirst()) != null) {
                closeQuietly(c);
            }
        });
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Nothing to do about a connection that cannot even close.
        }
    }
}
