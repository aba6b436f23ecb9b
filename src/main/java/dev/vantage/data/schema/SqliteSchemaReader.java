package dev.vantage.data.schema;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Introspects a SQLite file through {@code sqlite_master}, {@code PRAGMA table_info} and
 * {@code PRAGMA foreign_key_list}. Foreign keys are resolved to the referenced table's spelling;
 * an omitted target column means the target's primary key; keys to tables or columns that do not
 * exist (a quirk of several Spider databases) are left out.
 */
final class SqliteSchemaReader {
    private SqliteSchemaReader() {}

    static DatabaseSchema read(Path dbFile) {
        String dbId = stem(dbFile);
        try (Connection c = SqliteDatabases.openReadOnly(dbFile)) {
            return read(c, dbId);
        } catch (SQLException e) {
            throw new SchemaReadException(dbFile + ": " + e.getMessage(), e);
        }
    }

    static DatabaseSchema read(Connection c, String dbId) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid")) {
            while (rs.next()) names.add(rs.getString(1));
        }
        List<Table> tables = new ArrayList<>();
        for (String name : names) {
            List<Column> cols = new ArrayList<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("PRAGMA table_info(" + SqliteDatabases.quote(name) + ")")) {
                while (rs.next()) {
                    String type = rs.getString("type");
                    cols.add(new Column(rs.getString("name"), type == null ? "" : type.toLowerCase(Locale.ROOT), rs.getInt("pk") > 0));
                }
            }
            tables.add(new Table(name, cols));
        }
        DatabaseSchema partial = new DatabaseSchema(dbId, tables, List.of());
        List<ForeignKey> fks = new ArrayList<>();
        for (Table t : tables) {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("PRAGMA foreign_key_list(" + SqliteDatabases.quote(t.name()) + ")")) {
                while (rs.next()) {
                    resolve(partial, t, rs.getString("from"), rs.getString("table"), rs.getString("to"), rs.getInt("seq"))
                            .ifPresent(fk -> { if (!fks.contains(fk)) fks.add(fk); });
                }
            }
        }
        return new DatabaseSchema(dbId, tables, fks);
    }

    private static Optional<ForeignKey> resolve(DatabaseSchema s, Table from, String fromCol, String toTable, String toCol, int seq) {
        Optional<Column> fc = from.column(fromCol);
        Optional<Table> tt = s.table(toTable);
        if (fc.isEmpty() || tt.isEmpty()) return Optional.empty();
        Column target;
        if (toCol == null || toCol.isEmpty()) {
            List<Column> pk = tt.get().primaryKey();
            if (seq >= pk.size()) return Optional.empty();
            target = pk.get(seq);
        } else {
            Optional<Column> tc = tt.get().column(toCol);
            if (tc.isEmpty()) return Optional.empty();
            target = tc.get();
        }
        return Optional.of(new ForeignKey(from.name(), fc.get().name(), tt.get().name(), target.name()));
    }

    static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
