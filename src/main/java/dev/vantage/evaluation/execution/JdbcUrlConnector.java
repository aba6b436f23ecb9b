package dev.vantage.evaluation.execution;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Any other JDBC database (PostgreSQL, DuckDB, ...), given by URL, with its driver on the class path.
 * The connection is marked read-only and runs in a transaction that is rolled back after each query
 * (PostgreSQL honours read-only only inside a transaction); DuckDB is opened with its read-only flag.
 * The account behind the URL should be read-only too: the database, not this class, is the authority.
 */
public final class JdbcUrlConnector implements DatabaseConnector {
    private final String url;

    public JdbcUrlConnector(String url) {
        this.url = url;
    }

    @Override
    public Connection open() throws SQLException {
        Properties properties = new Properties();
        if (url.startsWith("jdbc:duckdb:")) {
            properties.setProperty("duckdb.read_only", "true");
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

    @Override
    public String key() {
        return url;
    }

    @Override
    public String toString() {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
