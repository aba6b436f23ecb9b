package dev.vantage.evaluation.execution;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Any other JDBC database (PostgreSQL, DuckDB, ...), given by URL, with its driver on the class path.
 * The connection is marked read-only and runs in a transaction that is rolled back after each query
 * (PostgreSQL honours read-only only inside a transaction). DuckDB is opened with its read-only flag
 * and more, because {@code duckdb.read_only} only protects the database file itself: without
 * {@code enable_external_access=false} a read-only connection still writes other files
 * ({@code COPY t TO 'x.csv'}) and a query that passes the guard reads any file on the host
 * ({@code SELECT * FROM read_csv('/etc/passwd')}); {@code lock_configuration} keeps {@code SET} from
 * changing limits, and extensions are never downloaded or auto-loaded. Results are streamed, so the
 * row and byte caps stop a large query early instead of after DuckDB has materialized all of it.
 * Memory is bounded by {@code memory_limit}, and nothing spills to disk ({@code max_temp_directory_size=0B}):
 * a query that needs more fails with DuckDB's out-of-memory error.
 * The account behind the URL should be read-only too: the database, not this class, is the authority.
 */
public final class JdbcUrlConnector implements DatabaseConnector {
    /** DuckDB's buffer-manager limit for one connection's database instance. */
    static final String DUCKDB_MEMORY_LIMIT = "1GB";

    private final String url;

    public JdbcUrlConnector(String url) {
        this.url = url;
    }

    @Override
    public Connection open() throws SQLException {
        Properties properties = new Properties();
        if (url.startsWith("jdbc:duckdb:")) {
            properties.setProperty("duckdb.read_only", "true");
            properties.setProperty("jdbc_stream_results", "true");
            properties.setProperty("enable_external_access", "false");
            properties.setProperty("autoinstall_known_extensions", "false");
            properties.setProperty("autoload_known_extensions", "false");
            properties.setProperty("memory_limit", DUCKDB_MEMORY_LIMIT);
            properties.setProperty("max_temp_directory_size", "0B"); // no spilling to disk
            properties.setProperty("lock_configuration", "true");
        }
        Connection connection = DriverManager.getConnection(url, properties);
        try {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw new SQLException("cannot make the connection read-only (" + url + "): " + e.getMessage(), e);
        }
    }

    /** Longest statement handed to DuckDB, whose parser and planner a cancel does not reach. */
    static final int DUCKDB_MAX_LENGTH = 64 * 1024;
    /** Deepest parenthesis nesting handed to DuckDB (planning 5,000 nested subqueries took 6 s, uninterruptible). */
    static final int DUCKDB_MAX_DEPTH = 100;

    @Override
    public String refusal(String sql) {
        if (!url.startsWith("jdbc:duckdb:")) {
            return null;
        }
        if (sql.length() > DUCKDB_MAX_LENGTH) {
            return "statement of " + sql.length() + " characters; DuckDB takes at most " + DUCKDB_MAX_LENGTH
                    + " (its parser cannot be interrupted)";
        }
        int depth = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '(' && ++depth > DUCKDB_MAX_DEPTH) {
                return "parentheses nested deeper than " + DUCKDB_MAX_DEPTH + "; DuckDB's planner cannot be interrupted";
            } else if (c == ')') {
                depth--;
            }
        }
        return null;
    }

    /** DuckDB's SET and PRAGMA are not all locked ({@code PRAGMA enable_profiling} is accepted): never reuse after one. */
    @Override
    public boolean reusableAfter(String sql) {
        if (!url.startsWith("jdbc:duckdb:")) {
            return true;
        }
        String lower = sql.toLowerCase(java.util.Locale.ROOT);
        return !(lower.contains("pragma") || lower.contains("set") || lower.contains("call"));
    }

    @Override
    public String key() {
        return url;
    }

    @Override
    public String toString() {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
