package dev.vantage.data.schema;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Opens SQLite files read-only, with an error that names the file when they are missing or not databases. */
public final class SqliteDatabases {
    private SqliteDatabases() {}

    /**
     * A read-only connection to an existing SQLite file. Checked up front because the driver would
     * otherwise create an empty database for a missing path, and only fail at the first query for a
     * file that is not SQLite.
     */
    public static Connection openReadOnly(Path file) {
        if (!Files.isRegularFile(file)) throw new SchemaReadException(file + ": no such database file");
        if (!Files.isReadable(file)) throw new SchemaReadException(file + ": database file is not readable");
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        try {
            Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement st = c.createStatement()) {
                st.executeQuery("SELECT count(*) FROM sqlite_master").close(); // fails here if not a database
            } catch (SQLException e) {
                c.close();
                throw e;
            }
            return c;
        } catch (SQLException e) {
            throw new SchemaReadException(file + ": cannot open as SQLite: " + e.getMessage(), e);
        }
    }

    /** {@code name} as a double-quoted SQL identifier. */
    public static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** The usual Spider/BIRD layout: {@code <dir>/<dbId>/<dbId>.sqlite}. */
    public static Path inDatabaseDir(Path databaseDir, String dbId) {
        return databaseDir.resolve(dbId).resolve(dbId + ".sqlite");
    }
}
