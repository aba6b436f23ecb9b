package dev.vantage.data.augment;

import dev.vantage.data.schema.Column;
import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.ForeignKey;
import dev.vantage.data.schema.JoinGraph;
import dev.vantage.data.schema.SqliteDatabases;
import dev.vantage.data.schema.Table;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the synthesizer needs to know about a database's content: row counts, which columns hold
 * numbers, text or keys, how many distinct values they have and some of those values.
 */
final class DatabaseProfile {
    static final int SAMPLE_VALUES = 200;
    static final int MAX_VALUE_CHARS = 40;

    enum Kind { NUMBER, TEXT, OTHER }

    record ColumnProfile(String name, String words, Kind kind, boolean key, long distinct, long nonNull, List<String> values) {
        boolean categorical(long rows) {
            return !key && distinct >= 2 && distinct <= Math.max(2, rows * 2 / 3) && distinct <= 50;
        }

        /** Years and dates are numbers nobody averages. */
        boolean additive() {
            String w = words.toLowerCase(Locale.ROOT);
            return kind == Kind.NUMBER && !key && !w.contains("year") && !w.contains("date") && !w.contains("code")
                    && !w.contains("phone") && !w.contains("zip");
        }
    }

    record TableProfile(Table table, String words, long rows, List<ColumnProfile> columns) {
        List<ColumnProfile> of(Kind kind) {
            return columns.stream().filter(c -> c.kind == kind && !c.key).toList();
        }

        /** Columns worth showing as an answer: text first (names, titles), else any non-key column. */
        List<ColumnProfile> displayable() {
            List<ColumnProfile> text = columns.stream().filter(c -> c.kind == Kind.TEXT && !c.key && c.nonNull > 0).toList();
            if (!text.isEmpty()) return text;
            List<ColumnProfile> any = columns.stream().filter(c -> !c.key && c.nonNull > 0).toList();
            return any.isEmpty() ? columns : any;
        }

        ColumnProfile column(String name) {
            return columns.stream().filter(c -> c.name.equalsIgnoreCase(name)).findFirst().orElse(null);
        }
    }

    final DatabaseSchema schema;
    final List<TableProfile> tables;
    final JoinGraph joins;

    private DatabaseProfile(DatabaseSchema schema, List<TableProfile> tables) {
        this.schema = schema;
        this.tables = tables;
        this.joins = JoinGraph.of(schema);
    }

    static DatabaseProfile read(Connection c, DatabaseSchema schema) throws SQLException {
        List<TableProfile> out = new ArrayList<>();
        for (Table t : schema.tables()) {
            long rows = scalar(c, "SELECT COUNT(*) FROM " + SqliteDatabases.quote(t.name()));
            List<ColumnProfile> cols = new ArrayList<>();
            for (Column col : t.columns()) cols.add(column(c, schema, t, col));
            out.add(new TableProfile(t, Names.words(t.name()), rows, cols));
        }
        return new DatabaseProfile(schema, out);
    }

    TableProfile table(String name) {
        return tables.stream().filter(t -> t.table.name().equalsIgnoreCase(name)).findFirst().orElse(null);
    }

    private static ColumnProfile column(Connection c, DatabaseSchema s, Table t, Column col) throws SQLException {
        String q = SqliteDatabases.quote(col.name()), from = SqliteDatabases.quote(t.name());
        long numbers = 0, texts = 0, nonNull = 0;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT typeof(" + q + "), COUNT(*) FROM " + from + " GROUP BY 1")) {
            while (rs.next()) {
                String type = rs.getString(1);
                long n = rs.getLong(2);
                if (type.equals("integer") || type.equals("real")) numbers += n;
                else if (type.equals("text")) texts += n;
                if (!type.equals("null")) nonNull += n;
            }
        }
        Kind kind = nonNull == 0 ? Kind.OTHER : numbers >= nonNull * 0.95 ? Kind.NUMBER : texts >= nonNull * 0.95 ? Kind.TEXT : Kind.OTHER;
        boolean key = col.primaryKey() || isForeignKey(s, t, col) || col.name().matches("(?i).*(_id|id)$");
        long distinct = scalar(c, "SELECT COUNT(DISTINCT " + q + ") FROM " + from);
        List<String> values = new ArrayList<>();
        String filter = kind == Kind.TEXT
                ? "typeof(" + q + ") = 'text' AND length(trim(" + q + ")) BETWEEN 1 AND " + MAX_VALUE_CHARS + " AND instr(" + q + ", char(10)) = 0 AND " + q + " = trim(" + q + ")"
                : kind == Kind.NUMBER ? "typeof(" + q + ") IN ('integer', 'real')" : q + " IS NOT NULL";
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT " + q + " FROM " + from + " WHERE " + filter + " ORDER BY 1 LIMIT " + SAMPLE_VALUES)) {
            while (rs.next()) values.add(rs.getString(1));
        }
        return new ColumnProfile(col.name(), Names.words(col.name()), kind, key, distinct, nonNull, values);
    }

    private static boolean isForeignKey(DatabaseSchema s, Table t, Column col) {
        for (ForeignKey fk : s.foreignKeys()) {
            if (fk.fromTable().equalsIgnoreCase(t.name()) && fk.fromColumn().equalsIgnoreCase(col.name())) return true;
            if (fk.toTable().equalsIgnoreCase(t.name()) && fk.toColumn().equalsIgnoreCase(col.name())) return true;
        }
        return false;
    }

    private static long scalar(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }
}
