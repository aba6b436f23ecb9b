package dev.vantage.evaluation.execution;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens read-only connections to one database. Implementations decide how "read-only" is enforced. */
public interface DatabaseConnector {
    /** A new connection on which nothing can be written. */
    Connection open() throws SQLException;

    /**
     * Why this engine must not be handed {@code sql} at all (something it cannot interrupt), or null.
     * Checked for every statement, whether or not it passed the guard.
     */
    default String refusal(String sql) {
        return null;
    }

    /** Whether a connection that ran {@code sql} may be handed out again (its settings cannot have changed). */
    default boolean reusableAfter(String sql) {
        return true;
    }

    /** A stable key for pooling connections of the same database. */
    String key();

    /** Opens the right connector for a JDBC URL: SQLite URLs get the hardened SQLite connector. */
    static DatabaseConnector forUrl(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            String path = jdbcUrl.substring("jdbc:sqlite:".length());
            if (path.startsWith("file:")) {
                throw new IllegalArgumentException("give SQLite databases as a plain path (jdbc:sqlite:/path/db.sqlite), "
                        + "not a file: URI: read-only is enforced by the connector, not by URI parameters");
            }
            return new SqliteConnector(java.nio.file.Path.of(path));
        }
        return new JdbcUrlConnector(jdbcUrl);
    }
}
