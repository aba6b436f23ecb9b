package dev.vantage.data.schema;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads a schema from any JDBC connection through {@link DatabaseMetaData}. */
final class JdbcSchemaReader {
    private static final Set<String> SYSTEM_SCHEMAS = Set.of("information_schema", "pg_catalog", "sys", "system", "pg_toast");

    private JdbcSchemaReader() {}

    static DatabaseSchema read(Connection c, String catalogOrSchemaOrNull) {
        try {
            DatabaseMetaData md = c.getMetaData();
            String catalog = null, schema = null;
            if (catalogOrSchemaOrNull != null) {
                if (contains(md.getSchemas(), "TABLE_SCHEM", catalogOrSchemaOrNull)) schema = catalogOrSchemaOrNull;
                else if (contains(md.getCatalogs(), "TABLE_CAT", catalogOrSchemaOrNull)) catalog = catalogOrSchemaOrNull;
                else throw new SchemaReadException(md.getURL() + ": no schema or catalog named '" + catalogOrSchemaOrNull + "'");
            }
            String dbId = catalogOrSchemaOrNull != null ? catalogOrSchemaOrNull : nameFromUrl(md.getURL(), c.getCatalog());

            List<String[]> tableRefs = new ArrayList<>(); // {catalog, schema, name}
            try (ResultSet rs = md.getTables(catalog, schema, "%", new String[]{"TABLE"})) {
                while (rs.next()) {
                    String sch = rs.getString("TABLE_SCHEM");
                    if (sch != null && SYSTEM_SCHEMAS.contains(sch.toLowerCase(Locale.ROOT))) continue;
                    String name = rs.getString("TABLE_NAME");
                    if (name.startsWith("sqlite_")) continue;
                    tableRefs.add(new String[]{rs.getString("TABLE_CAT"), sch, name});
                }
            }
            List<Table> tables = new ArrayList<>();
            List<ForeignKey> fks = new ArrayList<>();
            for (String[] ref : tableRefs) {
                Set<String> pk = new HashSet<>();
                try (ResultSet rs = md.getPrimaryKeys(ref[0], ref[1], ref[2])) {
                    while (rs.next()) pk.add(rs.getString("COLUMN_NAME"));
                }
                List<Column> cols = new ArrayList<>();
                try (ResultSet rs = md.getColumns(ref[0], ref[1], ref[2], "%")) {
                    while (rs.next()) {
                        String name = rs.getString("COLUMN_NAME");
                        String type = rs.getString("TYPE_NAME");
                        cols.add(new Column(name, type == null ? "" : type.toLowerCase(Locale.ROOT), pk.contains(name)));
                    }
                }
                tables.add(new Table(ref[2], cols));
                try (ResultSet rs = md.getImportedKeys(ref[0], ref[1], ref[2])) {
                    while (rs.next()) {
                        ForeignKey fk = new ForeignKey(ref[2], rs.getString("FKCOLUMN_NAME"), rs.getString("PKTABLE_NAME"), rs.getString("PKCOLUMN_NAME"));
                        if (!fks.contains(fk)) fks.add(fk);
                    }
                }
            }
            return new DatabaseSchema(dbId, tables, resolved(tables, fks));
        } catch (SQLException e) {
            throw new SchemaReadException("JDBC metadata: " + e.getMessage(), e);
        }
    }

    /** Keeps keys whose both ends exist, spelled as the tables and columns are. */
    private static List<ForeignKey> resolved(List<Table> tables, List<ForeignKey> fks) {
        DatabaseSchema s = new DatabaseSchema("", tables, List.of());
        List<ForeignKey> out = new ArrayList<>();
        for (ForeignKey fk : fks) {
            var ft = s.table(fk.fromTable());
            var tt = s.table(fk.toTable());
            if (ft.isEmpty() || tt.isEmpty() || fk.toColumn() == null) continue;
            var fc = ft.get().column(fk.fromColumn());
            var tc = tt.get().column(fk.toColumn());
            if (fc.isEmpty() || tc.isEmpty()) continue;
            out.add(new ForeignKey(ft.get().name(), fc.get().name(), tt.get().name(), tc.get().name()));
        }
        return out;
    }

    private static boolean contains(ResultSet rs, String column, String wanted) throws SQLException {
        try (rs) {
            while (rs.next()) if (wanted.equalsIgnoreCase(rs.getString(column))) return true;
        }
        return false;
    }

    private static String nameFromUrl(String url, String catalog) {
        if (catalog != null && !catalog.isBlank()) return catalog;
        if (url == null) return "jdbc";
        String s = url;
        int q = s.indexOf('?');
        if (q >= 0) s = s.substring(0, q);
        int slash = Math.max(s.lastIndexOf('/'), Math.max(s.lastIndexOf(':'), s.lastIndexOf('\\')));
        s = s.substring(slash + 1);
        int dot = s.lastIndexOf('.');
        return dot > 0 ? s.substring(0, dot) : (s.isEmpty() ? "jdbc" : s);
    }
}
