package dev.vantage.data.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a question mentions of a schema: tables and columns by name, columns by value. Keys ignore
 * case. {@link #none()} links nothing (a schema serialized without a question).
 */
public record SchemaLinks(Map<String, NameMatch> tables, Map<String, NameMatch> columns, Map<String, List<String>> values) {
    public SchemaLinks {
        tables = Map.copyOf(tables);
        columns = Map.copyOf(columns);
        values = Map.copyOf(values);
    }

    public static SchemaLinks none() {
        return new SchemaLinks(Map.of(), Map.of(), Map.of());
    }

    public Optional<NameMatch> table(String table) {
        return Optional.ofNullable(tables.get(tableKey(table)));
    }

    public Optional<NameMatch> column(String table, String column) {
        return Optional.ofNullable(columns.get(columnKey(table, column)));
    }

    /** Linked database values of a column, best first, in the database's spelling. */
    public List<String> values(String table, String column) {
        return values.getOrDefault(columnKey(table, column), List.of());
    }

    /** 1 for an exact name match or a linked value, the partial score otherwise, 0 when not mentioned. */
    public double columnScore(String table, String column) {
        double name = column(table, column).map(NameMatch::score).orElse(0.0);
        return values(table, column).isEmpty() ? name : 1.0;
    }

    /**
     * How strongly the question points at a table: its own name counts double, then its best
     * column, then a little for every other mentioned column (ties broken by the caller's order).
     */
    public double tableScore(Table t) {
        double best = 0, sum = 0;
        for (Column c : t.columns()) {
            double s = columnScore(t.name(), c.name());
            best = Math.max(best, s);
            sum += s;
        }
        return 2 * table(t.name()).map(NameMatch::score).orElse(0.0) + best + 0.1 * (sum - best);
    }

    /** Names of the mentioned tables and columns ("table" and "table.column", lower case), for reports. */
    public List<String> mentioned(DatabaseSchema schema) {
        List<String> out = new ArrayList<>();
        for (Table t : schema.tables()) {
            if (table(t.name()).isPresent()) out.add(t.name().toLowerCase(Locale.ROOT));
            for (Column c : t.columns()) {
                if (columnScore(t.name(), c.name()) > 0) out.add((t.name() + "." + c.name()).toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    static String tableKey(String table) {
        return table.toLowerCase(Locale.ROOT);
    }

    static String columnKey(String table, String column) {
        return table.toLowerCase(Locale.ROOT) + "\u0000" + column.toLowerCase(Locale.ROOT);
    }
}
