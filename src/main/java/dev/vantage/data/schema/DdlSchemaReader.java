package dev.vantage.data.schema;

import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.table.ForeignKeyIndex;
import net.sf.jsqlparser.statement.create.table.Index;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.Values;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code CREATE TABLE} statements (as in Gretel's {@code sql_context}) with JSqlParser:
 * columns, types, inline and table-level primary and foreign keys. {@code INSERT ... VALUES} rows
 * that follow become the columns' sample values; other statements are ignored.
 */
final class DdlSchemaReader {
    static final int MAX_SAMPLES = 5;

    private DdlSchemaReader() {}

    static DatabaseSchema read(String dbId, String ddl) {
        List<String> statements = SqlScripts.split(ddl);
        Map<String, TableBuilder> tables = new LinkedHashMap<>();
        for (int i = 0; i < statements.size(); i++) {
            String sql = statements.get(i);
            Statement st;
            try {
                st = CCJSqlParserUtil.parse(sql);
            } catch (JSQLParserException e) {
                throw new SchemaReadException("DDL of '" + dbId + "': statement " + (i + 1) + " (" + abbreviate(sql) + "): "
                        + SqlScripts.parserReason(e), e);
            }
            if (st instanceof CreateTable ct) {
                TableBuilder t = createTable(ct);
                tables.put(t.name.toLowerCase(Locale.ROOT), t);
            } else if (st instanceof Insert ins) {
                TableBuilder t = tables.get(unquote(ins.getTable().getName()).toLowerCase(Locale.ROOT));
                if (t != null) addSamples(t, ins);
            }
        }
        if (tables.isEmpty()) throw new SchemaReadException("DDL of '" + dbId + "': no CREATE TABLE statement");
        List<Table> out = new ArrayList<>();
        List<ForeignKey> fks = new ArrayList<>();
        for (TableBuilder t : tables.values()) out.add(t.build());
        DatabaseSchema partial = new DatabaseSchema(dbId, out, List.of());
        for (TableBuilder t : tables.values()) {
            for (String[] fk : t.fks) { // {fromColumn, toTable, toColumn or null}
                var target = partial.table(fk[1]);
                String toTable = target.map(Table::name).orElse(fk[1]);
                String toColumn = fk[2];
                if (toColumn == null) {
                    if (target.isEmpty() || target.get().primaryKey().size() != 1) continue;
                    toColumn = target.get().primaryKey().getFirst().name();
                } else if (target.isPresent()) {
                    toColumn = target.get().column(toColumn).map(Column::name).orElse(toColumn);
                }
                ForeignKey key = new ForeignKey(t.name, fk[0], toTable, toColumn);
                if (!fks.contains(key)) fks.add(key);
            }
        }
        return new DatabaseSchema(dbId, out, fks);
    }

    private static TableBuilder createTable(CreateTable ct) {
        TableBuilder t = new TableBuilder(unquote(ct.getTable().getName()));
        if (ct.getColumnDefinitions() != null) {
            for (ColumnDefinition cd : ct.getColumnDefinitions()) {
                String name = unquote(cd.getColumnName());
                t.columns.put(name, cd.getColDataType() == null ? "" : typeName(cd.getColDataType().toString()));
                List<String> specs = cd.getColumnSpecs() == null ? List.of() : cd.getColumnSpecs();
                for (int i = 0; i < specs.size(); i++) {
                    String s = specs.get(i);
                    if (s.equalsIgnoreCase("PRIMARY") && i + 1 < specs.size() && specs.get(i + 1).equalsIgnoreCase("KEY")) t.pk.add(name);
                    if (s.equalsIgnoreCase("REFERENCES") && i + 1 < specs.size()) {
                        String[] target = referenceTarget(specs, i + 1);
                        t.fks.add(new String[]{name, target[0], target[1]});
                    }
                }
            }
        }
        if (ct.getIndexes() != null) {
            for (Index idx : ct.getIndexes()) {
                List<String> cols = idx.getColumnsNames().stream().map(DdlSchemaReader::unquote).toList();
                if (idx instanceof ForeignKeyIndex fk) {
                    List<String> refs = fk.getReferencedColumnNames() == null ? List.of()
                            : fk.getReferencedColumnNames().stream().map(DdlSchemaReader::unquote).toList();
                    for (int i = 0; i < cols.size(); i++) {
                        t.fks.add(new String[]{cols.get(i), unquote(fk.getTable().getName()), i < refs.size() ? refs.get(i) : null});
                    }
                } else if (idx.getType() != null && idx.getType().toUpperCase(Locale.ROOT).startsWith("PRIMARY")) {
                    t.pk.addAll(cols);
                }
            }
        }
        return t;
    }

    /** Inline {@code REFERENCES t (c)}: JSqlParser leaves it as spec words, the column list possibly glued to the table. */
    private static String[] referenceTarget(List<String> specs, int at) {
        String table = specs.get(at);
        String column = null;
        int paren = table.indexOf('(');
        if (paren >= 0) {
            column = table.substring(paren);
            table = table.substring(0, paren);
        } else if (at + 1 < specs.size() && specs.get(at + 1).startsWith("(")) {
            column = specs.get(at + 1);
        }
        if (column != null) column = unquote(column.replaceAll("[()\\s]", "").split(",")[0]);
        return new String[]{unquote(table.trim()), column == null || column.isEmpty() ? null : column};
    }

    private static void addSamples(TableBuilder t, Insert ins) {
        Values values = ins.getValues();
        if (values == null || values.getExpressions() == null) return;
        List<String> names = ins.getColumns() == null ? new ArrayList<>(t.columns.keySet())
                : ins.getColumns().stream().map(c -> unquote(c.getColumnName())).toList();
        ExpressionList<?> exprs = values.getExpressions();
        boolean multiRow = !exprs.isEmpty() && exprs.stream().allMatch(e -> e instanceof ExpressionList<?>);
        List<List<? extends Expression>> rows = new ArrayList<>();
        if (multiRow) for (Expression e : exprs) rows.add((ExpressionList<?>) e);
        else rows.add(exprs);
        for (List<? extends Expression> row : rows) {
            for (int i = 0; i < row.size() && i < names.size(); i++) {
                String v = literal(row.get(i));
                if (v == null) continue;
                String col = t.columnName(names.get(i));
                if (col == null) continue;
                Set<String> s = t.samples.computeIfAbsent(col, k -> new LinkedHashSet<>());
                if (s.size() < MAX_SAMPLES) s.add(v);
            }
        }
    }

    private static String literal(Expression e) {
        if (e instanceof StringValue s) return s.getValue().replace("''", "'");
        if (e instanceof LongValue || e instanceof DoubleValue) return e.toString();
        return null;
    }

    /** "VARCHAR (255)" → "varchar(255)". */
    private static String typeName(String t) {
        return t.toLowerCase(Locale.ROOT).replaceAll("\\s*\\(\\s*", "(").replaceAll("\\s*,\\s*", ",").replaceAll("\\s*\\)", ")").trim();
    }

    static String unquote(String name) {
        if (name == null || name.length() < 2) return name;
        char a = name.charAt(0), b = name.charAt(name.length() - 1);
        if ((a == '"' && b == '"') || (a == '`' && b == '`') || (a == '[' && b == ']')) return name.substring(1, name.length() - 1);
        return name;
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ").trim();
        return one.length() <= 60 ? one : one.substring(0, 57) + "...";
    }

    private static final class TableBuilder {
        final String name;
        final Map<String, String> columns = new LinkedHashMap<>();
        final Set<String> pk = new LinkedHashSet<>();
        final List<String[]> fks = new ArrayList<>();
        final Map<String, Set<String>> samples = new LinkedHashMap<>();

        TableBuilder(String name) { this.name = name; }

        String columnName(String n) {
            for (String c : columns.keySet()) if (c.equalsIgnoreCase(n)) return c;
            return null;
        }

        Table build() {
            List<Column> cols = new ArrayList<>();
            for (var e : columns.entrySet()) {
                boolean isPk = pk.stream().anyMatch(p -> p.equalsIgnoreCase(e.getKey()));
                cols.add(new Column(e.getKey(), e.getValue(), isPk, "", List.copyOf(samples.getOrDefault(e.getKey(), Set.of()))));
            }
            return new Table(name, cols);
        }
    }
}
