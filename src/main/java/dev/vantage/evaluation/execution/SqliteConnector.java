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
 *       query cannot allocate gigabytes before the row cap sees it;</li>
 *   <li>temporary data (sorts, recursive-CTE queues) goes to files, never to memory, and a progress
 *       handler stops a statement once those files pass a budget ({@link SqliteTempBudget});</li>
 *   <li>the driver's own commands ({@code backup to}, {@code restore from}) are parsed only by
 *       {@code Statement.execute} and {@code executeUpdate}; {@link SafeExecutor} uses only
 *       {@code executeQuery}, which hands the text straight to SQLite.</li>
 * </ul>
 * A flag PRAGMA takes effect when SQLite compiles it, and this driver offers no authorizer hook (its
 * bundled library does not export {@code sqlite3_set_authorizer} either), so a statement that mentions
 * a pragma could change the connection's settings for the statements after it; such a connection is
 * never reused ({@link #mayChangeSettings}).
 */
public final class SqliteConnector implements DatabaseConnector {
    /** Largest string or blob one value may have (SQLITE_LIMIT_LENGTH). */
    static final int MAX_VALUE_LENGTH = 64 * 1024 * 1024;

    /** Default bound on the temporary files of all SQLite statements of the process. */
    public static final long DEFAULT_TEMP_BUDGET = 1L << 30;

    private final Path file;
    private final long tempBudgetBytes;

    public SqliteConnector(Path file) {
        this(file, DEFAULT_TEMP_BUDGET);
    }

    public SqliteConnector(Path file, long tempBudgetBytes) {
        this.file = file.toAbsolutePath().normalize();
        this.tempBudgetBytes = tempBudgetBytes;
    }

    /**
     * Whether running {@code sql} may have changed this connection's settings (query_only, temp_store,
     * ...): only a PRAGMA can, and every form of one has the word in it.
     */
    public static boolean mayChangeSettings(String sql) {
        return containsIgnoreCase(sql, "pragma");
    }

    @Override
    public boolean reusableAfter(String sql) {
        return !mayChangeSettings(sql);
    }

    private static boolean containsIgnoreCase(String text, String word) {
        for (int i = 0; i + word.length() <= text.length(); i++) {
            if (text.regionMatches(true, i, word, 0, word.length())) {
                return true;
            }
        }
        return false;
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
        config.setTempStore(SQLiteConfig.TempStore.FILE);
        Connection connection = config.createConnection("jdbc:sqlite:" + file);
        try {
            SQLiteConnection sqlite = connection.unwrap(SQLiteConnection.class);
            sqlite.setLimit(SQLiteLimits.SQLITE_LIMIT_ATTACHED, 0);
            sqlite.setLimit(SQLiteLimits.SQLITE_LIMIT_LENGTH, MAX_VALUE_LENGTH);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA query_only = ON");
            }
            SqliteTempBudget.install(connection, tempBudgetBytes);
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
