package dev.vantage.evaluation.execution;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteLimits;
import org.sqlite.SQLiteOpenMode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Read-only SQLite connections (xerial driver), hardened against the known ways out of {@code mode=ro}:
 * <ul>
 *   <li>the file is opened with SQLITE_OPEN_READONLY through the driver's config, not a URI flag;</li>
 *   <li>the ATTACH limit is 0, because an attached database does not inherit a URI's {@code mode=ro}
 *       and ATTACH can create and then write a new file;</li>
 *   <li>{@code PRAGMA query_only} is on, so even a writable handle could not change anything;</li>
 *   <li>extension loading stays off, and the longest string or blob SQLite will build is bounded, so a
 *       query cannot allocate gigabytes before the row cap sees it.</li>
 * </ul>
 */
public final class SqliteConnector implements DatabaseConnector {
    /** Largest string or blob one value may have (SQLITE_LIMIT_LENGTH). */
    static final int MAX_VALUE_LENGTH = 64 * 1024 * 1024;

    private final Path file;

    public SqliteConnector(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    public Path file() {
        return file;
    }

    @Override
    public Connection open() throws SQLException {
        if (!Files.isRegularFile(file)) {
            // Without this check SQLite would report a vaguer error; never create a file here.
            throw new SQLException("database file not found: " + file);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        config.enableLoadExtension(false);
        config.setSharedCache(false);
        Connection connection = config.createConnection("jdbc:sqlite:" + file);
        try {
            SQLiteConnection sqlite = connection.unwrap(SQLiteConnection.class);
            sqlite.setLimit(SQLiteLimits.SQLITE_LIMIT_ATTACHED, 0);
            sqlite.setLimit(SQLiteLimits.SQLITE_LIMIT_LENGTH, MAX_VALUE_LENGTH);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA query_only = ON");
            }
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public String key() {
        return "sqlite:" + file;
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
