package dev.vantage.inference.constraint;

import dev.vantage.data.schema.Column;
import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.LinkedValue;
import dev.vantage.data.schema.Table;
import dev.vantage.data.schema.ValueIndex;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The strings a column can equal: its own values ({@link ValueIndex#domain}), for the literal of
 * {@code column = '...'} and {@code column != '...'}. SQLite compares text exactly, so any other
 * string matches no row: the model's {@code Country = 'Fran'} for "from France" and
 * {@code Airline = 'JetBlue'} for "JetBlue Airways" found nothing. Where the question names values
 * of the column ({@link ValueIndex#link}), only those: {@code first_name = 'Warren'} is no answer to
 * "the student named Timmothy Ward". A name is looked up ignoring case; with a table as qualifier in
 * that table, otherwise (an alias, none) in every table that has it, and a literal may then be a
 * value of any of them. Unknown whenever one of those columns' values is unknown (numbers in it, too
 * many values, no database). Sets are built on first use: a question compares few columns.
 */
public final class ColumnDomains {
    public static final ColumnDomains NONE = new ColumnDomains(null, Map.of(), Map.of());

    /** How many linked values per column the question's look-up returns: more than the prompt shows, since the model may pick one it left out. */
    public static final int LINKED_PER_COLUMN = 10;

    private final ValueIndex values;
    /** Lower-case column name: its tables and names as the schema spells them. */
    private final Map<String, List<ColumnRef>> namesakes;
    /** Lower-case table and column name: the values the question names in that column. */
    private final Map<String, List<String>> named;
    /** Look-ups done, by lower-case qualifier and column; empty when any string may be tried. */
    private final Map<String, Optional<NavigableSet<String>>> cache = new ConcurrentHashMap<>();

    private record ColumnRef(String table, String name, String type) {}

    private ColumnDomains(ValueIndex values, Map<String, List<ColumnRef>> namesakes, Map<String, List<String>> named) {
        this.values = values;
        this.namesakes = namesakes;
        this.named = named;
    }

    /**
     * @param values the database's values, or null: then no column's values are known
     * @param linked the values the question names ({@link ValueIndex#link})
     */
    public static ColumnDomains of(DatabaseSchema schema, ValueIndex values, List<LinkedValue> linked) {
        if (values == null) return NONE;
        Map<String, List<ColumnRef>> namesakes = new HashMap<>();
        for (Table t : schema.tables())
            for (Column c : t.columns())
                namesakes.computeIfAbsent(lower(c.name()), k -> new ArrayList<>()).add(new ColumnRef(t.name(), c.name(), c.type()));
        Map<String, Double> best = new HashMap<>();
        for (LinkedValue v : linked) best.merge(key(v.table(), v.column()), v.score(), Math::max);
        Map<String, List<String>> named = new HashMap<>();
        for (LinkedValue v : linked) {
            String k = key(v.table(), v.column());
            // fuzzy matches only where the column has no exact (or singular) one: 'Central America' is no "Central Africa"
            if (v.score() >= ValueIndex.SINGULAR_SCORE || best.get(k) < ValueIndex.SINGULAR_SCORE)
                named.computeIfAbsent(k, x -> new ArrayList<>()).add(v.value());
        }
        return new ColumnDomains(values, namesakes, named);
    }

    /**
     * The values a string compared with the column may be, or null when any string may be tried.
     *
     * @param qualifier the table name or alias before the column's dot, or null
     */
    NavigableSet<String> of(String qualifier, String column) {
        if (values == null) return null;
        String k = key(qualifier == null ? "" : qualifier, column);
        return cache.computeIfAbsent(k, x -> Optional.ofNullable(lookUp(qualifier, column))).orElse(null);
    }

    /**
     * Whether the column holds numbers: a number type in the schema and no words among its text
     * values, for every column it may name. Spider's gold compares such a column with a string of no
     * number in 0 of 1,034 dev queries and 14 of 7,000 train ones (hr_1's {@code = 'null'}); the
     * model's {@code Age = 'F'} and {@code Bonus = 'Bon'} were 95 of its answers, 9 right by accident
     * (both sides empty). False without a database.
     */
    boolean numeric(String qualifier, String column) {
        if (values == null) return false;
        List<ColumnRef> columns = candidates(qualifier, column);
        if (columns.isEmpty()) return false;
        for (ColumnRef c : columns) if (!numberType(c.type()) || values.mostlyWords(c.table(), c.name())) return false;
        return true;
    }

    /** Spider's "number", or a declared SQL type of integer or real affinity; not dates and booleans. */
    private static boolean numberType(String type) {
        String t = lower(type);
        return t.equals("number") || t.contains("int") || t.contains("real") || t.contains("floa") || t.contains("doub")
                || t.contains("num") || t.contains("dec");
    }

    /** The columns a name may be: in the qualifier's table when it is a table that has it, else every table's. */
    private List<ColumnRef> candidates(String qualifier, String column) {
        List<ColumnRef> columns = namesakes.getOrDefault(lower(column), List.of());
        List<ColumnRef> own = columns.stream().filter(c -> c.table().equalsIgnoreCase(qualifier)).toList();
        return own.isEmpty() ? columns : own;
    }

    private NavigableSet<String> lookUp(String qualifier, String column) {
        List<ColumnRef> columns = candidates(qualifier, column);
        if (columns.isEmpty()) return null;
        NavigableSet<String> out = new TreeSet<>();
        for (ColumnRef c : columns) {
            Collection<String> vs = named.get(key(c.table(), c.name()));
            if (vs == null) vs = values.domain(c.table(), c.name());
            if (vs == null) return null;
            addWithStripped(vs, out);
        }
        return out;
    }

    /**
     * The values, and each without the spaces around it: flight_2 stores {@code 'Aberdeen '} and
     * {@code ' APG'}, and Spider's gold writes {@code 'Aberdeen'} (which matches no row).
     */
    private static void addWithStripped(Collection<String> values, NavigableSet<String> out) {
        out.addAll(values);
        for (String v : values) if (!v.isBlank()) out.add(v.strip());
    }

    /** Whether some value starts with this content. */
    static boolean prefix(NavigableSet<String> domain, String content) {
        String next = domain.ceiling(content);
        return next != null && next.startsWith(content);
    }

    private static String key(String table, String column) {
        return lower(table) + "\u0000" + lower(column);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
