package dev.vantage.data.augment;

import dev.vantage.data.schema.SchemaReadException;
import dev.vantage.data.schema.SqliteDatabases;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Column values read from SQLite files (one read-only connection per database, kept until closed). */
public final class SqliteValueSource implements ValueSource, AutoCloseable {
    private final Function<String, Path> dbFile;
    private final Map<String, Connection> open = new HashMap<>();
    private final Map<String, List<String>> cache = new HashMap<>();

    public SqliteValueSource(Function<String, Path> dbFileOfDbId) {
        this.dbFile = dbFileOfDbId;
    }

    /** Databases laid out as in Spider and BIRD: {@code <dir>/<db>/<db>.sqlite}. */
    public static SqliteValueSource inDatabaseDir(Path databaseDir) {
        return new SqliteValueSource(db -> SqliteDatabases.inDatabaseDir(databaseDir, db));
    }

    @Override
    public synchronized List<String> values(String dbId, String table, String column, boolean numeric, int limit) {
        String key = dbId + "\u0000" + table + "\u0000" + column + "\u0000" + numeric + "\u0000" + limit;
        List<String> hit = cache.get(key);
        if (hit != null) return hit;
        Path file = dbFile.apply(dbId);
        if (file == null || !Files.isRegularFile(file)) return List.of();
        String col = SqliteDatabases.quote(column);
        String filter = numeric ? "typeof(" + col + ") IN ('integer', 'real')"
                : "typeof(" + col + ") = 'text' AND length(" + col + ") BETWEEN 1 AND 64 AND instr(" + col + ", char(10)) = 0";
        String sql = "SELECT DISTINCT " + col + " FROM " + SqliteDatabases.quote(table) + " WHERE " + filter + " ORDER BY 1 LIMIT " + limit;
        List<String> out = new ArrayList<>();
        try {
            Connection c = open.computeIfAbsent(dbId, k -> SqliteDatabases.openReadOnly(file));
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) out.add(numeric ? number(rs.getDouble(1)) : rs.getString(1));
            }
        } catch (SQLException e) {
            throw new SchemaReadException(file + ": cannot read values of " + table + "." + column + ": " + e.getMessage(), e);
        }
        List<String> result = List.copyOf(out);
        cache.put(key, result);
        return result;
    }

    /** 20.0 → "20", 2.5 → "2.5". */
    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    @Override
    public synchronized void close() {
        for (Connection c : open.values()) {
            try { c.close(); } catch (SQLException ignored) { /* read-only handle */ }
        }
        open.clear();
    }
}
