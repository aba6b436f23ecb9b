package dev.vantage.data.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Flattens a schema into the text the model reads, e.g.
 * {@code <table> singer <em> <col> Name <pm> : text <col> Country : text <val> France <col> Singer_ID : int <pk>}.
 * After a table or column name, {@code <em>} says the question names it exactly and {@code <pm>} in
 * part (see {@link SchemaLinker}); {@code <val> v} gives database values the question mentions.
 * Names keep the database's spelling, types are lowercased, the order is the schema's: the output
 * is a pure function of its inputs. Each table's text stands alone ({@link #table}), so the text of
 * a schema is its tables' texts joined by spaces, and so is its token count.
 */
public final class SchemaSerializer {
    public static final String TABLE = "<table>", COL = "<col>", PK = "<pk>", FK = "<fk>", VAL = "<val>",
            EXACT_MATCH = "<em>", PARTIAL_MATCH = "<pm>";

    private SchemaSerializer() {}

    public static String serialize(DatabaseSchema schema, SerializationOptions opts) {
        return serialize(schema, opts, SchemaLinks.none());
    }

    /**
     * As {@link #serialize(DatabaseSchema, SerializationOptions)}, with the question's links: name
     * match markers (when {@code nameMarkers} is on) and the database values that match the question
     * after their column ({@code <col> country : text <val> France}) when value linking is on and an
     * index is given.
     */
    public static String serialize(DatabaseSchema schema, SerializationOptions opts, String question, ValueIndex valuesOrNull) {
        return serialize(schema, opts, links(schema, opts, question, valuesOrNull));
    }

    /** The links the options ask for: names always (markers are the serializer's choice), values when on. */
    public static SchemaLinks links(DatabaseSchema schema, SerializationOptions opts, String question, ValueIndex valuesOrNull) {
        boolean values = opts.valueLinking() && valuesOrNull != null && opts.maxValuesPerColumn() > 0;
        return SchemaLinker.link(question, schema, values ? valuesOrNull : null, values ? opts.maxValuesPerColumn() : 0);
    }

    public static String serialize(DatabaseSchema schema, SerializationOptions opts, SchemaLinks links) {
        StringBuilder sb = new StringBuilder();
        for (Table t : schema.tables()) {
            if (!sb.isEmpty()) sb.append(' ');
            sb.append(table(schema, t, opts, links));
        }
        return sb.toString();
    }

    /** One table's text, starting with {@code <table>}; foreign keys as the schema declares them. */
    public static String table(DatabaseSchema schema, Table t, SerializationOptions opts, SchemaLinks links) {
        StringBuilder sb = new StringBuilder();
        sb.append(TABLE).append(' ').append(oneLine(t.name()));
        if (opts.nameMarkers()) links.table(t.name()).ifPresent(m -> sb.append(' ').append(marker(m)));
        List<ForeignKey> keysOut = opts.keyMarkers() ? foreignKeysFrom(schema, t) : List.of();
        for (Column c : t.columns()) {
            sb.append(' ').append(COL).append(' ').append(oneLine(c.name()));
            if (opts.nameMarkers()) links.column(t.name(), c.name()).ifPresent(m -> sb.append(' ').append(marker(m)));
            if (opts.descriptions()) appendDescription(sb, c);
            if (opts.columnTypes() && !c.type().isEmpty()) sb.append(" : ").append(oneLine(c.type().toLowerCase(Locale.ROOT)));
            if (opts.keyMarkers()) {
                if (c.primaryKey()) sb.append(' ').append(PK);
                for (ForeignKey fk : keysOut) {
                    if (!fk.fromColumn().equalsIgnoreCase(c.name())) continue;
                    sb.append(' ').append(FK).append(' ').append(oneLine(fk.toTable())).append('.').append(oneLine(fk.toColumn()));
                }
            }
            if (opts.valueLinking()) {
                for (String v : links.values(t.name(), c.name())) sb.append(' ').append(VAL).append(' ').append(oneLine(v));
            }
        }
        return sb.toString();
    }

    /** The table's outgoing keys, found once per table rather than once per column (1,000-table schemas). */
    private static List<ForeignKey> foreignKeysFrom(DatabaseSchema schema, Table t) {
        List<ForeignKey> out = new ArrayList<>();
        for (ForeignKey fk : schema.foreignKeys()) if (fk.fromTable().equalsIgnoreCase(t.name())) out.add(fk);
        return out;
    }

    private static String marker(NameMatch m) {
        return m.exact() ? EXACT_MATCH : PARTIAL_MATCH;
    }

    /** Every special token's text: a name or value spelling one must not read as a marker. */
    private static final List<String> MARKER_TEXTS = List.of("<pad>", "<bos>", "<eos>", "<sep>", TABLE, COL, PK, FK, VAL, EXACT_MATCH, PARTIAL_MATCH);

    /**
     * One line per schema: stray and inner runs of whitespace (in cells, odd names) collapse to single
     * spaces; a marker's text inside a name or value is broken ({@code <col>} → {@code < col>}).
     */
    private static String oneLine(String s) {
        if (s.indexOf('<') >= 0) s = defuseMarkers(s);
        boolean plain = true;
        for (int i = 0; i < s.length() && plain; i++) {
            char c = s.charAt(i);
            plain = c != ' ' && !Character.isWhitespace(c) || c == ' ' && i > 0 && i + 1 < s.length() && s.charAt(i + 1) != ' ';
        }
        if (plain) return s;
        return s.strip().replaceAll("\\s+", " ");
    }

    private static String defuseMarkers(String s) {
        for (String m : MARKER_TEXTS) s = s.replace(m, "< " + m.substring(1)); // the tokenizer matches markers case-sensitively
        return s;
    }

    /** Longest description written; BIRD's run to sentences, and the schema budget is shared. */
    static final int MAX_DESCRIPTION_CHARS = 48;

    /** Written when it says more than the name: not for "song release year" after {@code Song_release_year}. */
    private static void appendDescription(StringBuilder sb, Column c) {
        String d = oneLine(c.description());
        if (d.isEmpty() || NameWords.words(d).equals(NameWords.words(c.name()))) return;
        if (d.length() > MAX_DESCRIPTION_CHARS) d = d.substring(0, MAX_DESCRIPTION_CHARS).strip();
        sb.append(" ( ").append(d).append(" )");
    }
}
