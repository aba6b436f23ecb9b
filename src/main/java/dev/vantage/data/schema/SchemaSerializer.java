package dev.vantage.data.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Flattens a schema into the text the model reads, e.g.
 * {@code <table> users <col> id : integer <pk> <col> name : text <table> orders <col> user_id : integer <fk> users.id}.
 * Names keep the database's spelling, types are lowercased, the order is the schema's: the output
 * is a pure function of its inputs.
 */
public final class SchemaSerializer {
    public static final String TABLE = "<table>", COL = "<col>", PK = "<pk>", FK = "<fk>", VAL = "<val>";

    private SchemaSerializer() {}

    public static String serialize(DatabaseSchema schema, SerializationOptions opts) {
        return serialize(schema, opts, null, null);
    }

    /**
     * As {@link #serialize(DatabaseSchema, SerializationOptions)}, with the database values that
     * match the question after their column ({@code <col> country : text <val> France}) when
     * value linking is on and an index is given.
     */
    public static String serialize(DatabaseSchema schema, SerializationOptions opts, String question, ValueIndex valuesOrNull) {
        Map<String, List<String>> linked = new LinkedHashMap<>();
        if (opts.valueLinking() && valuesOrNull != null && question != null && opts.maxValuesPerColumn() > 0) {
            for (LinkedValue v : valuesOrNull.link(question, opts.maxValuesPerColumn())) {
                linked.computeIfAbsent(key(v.table(), v.column()), k -> new ArrayList<>()).add(v.value());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (Table t : schema.tables()) {
            if (!sb.isEmpty()) sb.append(' ');
            sb.append(TABLE).append(' ').append(t.name());
            for (Column c : t.columns()) {
                sb.append(' ').append(COL).append(' ').append(c.name());
                if (opts.descriptions()) appendDescription(sb, c);
                if (opts.columnTypes() && !c.type().isEmpty()) sb.append(" : ").append(c.type().toLowerCase(Locale.ROOT));
                if (opts.keyMarkers()) {
                    if (c.primaryKey()) sb.append(' ').append(PK);
                    for (ForeignKey fk : schema.foreignKeysFrom(t.name(), c.name())) {
                        sb.append(' ').append(FK).append(' ').append(fk.toTable()).append('.').append(fk.toColumn());
                    }
                }
                for (String v : linked.getOrDefault(key(t.name(), c.name()), List.of())) {
                    // one line per schema: stray and inner runs of whitespace of a cell collapse to single spaces
                    sb.append(' ').append(VAL).append(' ').append(v.strip().replaceAll("\\s+", " "));
                }
            }
        }
        return sb.toString();
    }

    private static String key(String table, String column) {
        return table.toLowerCase(Locale.ROOT) + "\u0000" + column.toLowerCase(Locale.ROOT);
    }

    /** Longest description written; BIRD's run to sentences, and the schema budget is shared. */
    static final int MAX_DESCRIPTION_CHARS = 48;

    private static void appendDescription(StringBuilder sb, Column c) {
        String d = c.description().strip().replaceAll("\\s+", " ");
        if (d.isEmpty() || d.equalsIgnoreCase(c.name()) || d.equalsIgnoreCase(c.name().replace('_', ' '))) return;
        if (d.length() > MAX_DESCRIPTION_CHARS) d = d.substring(0, MAX_DESCRIPTION_CHARS).strip();
        sb.append(" ( ").append(d).append(" )");
    }
}
