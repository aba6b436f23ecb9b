package dev.vantage.inference.constraint;

import dev.vantage.data.schema.Column;
import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.NameMatch;
import dev.vantage.data.schema.SchemaLinks;
import dev.vantage.data.schema.Table;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How strongly a question points at each table and column of its schema, in [0, 1], for the link
 * prior of decoding ({@link dev.vantage.inference.ConstraintState#linkPotential}).
 * <ul>
 *   <li>A table: its own name match (1 exact, the partial score otherwise), or half its best
 *       column's, whichever is higher. Earned when the table is bound in FROM.</li>
 *   <li>A column name: its best name match in any table. Earned once per query, where the name is
 *       used in an expression; a value column's (below) only where a condition compares it, since
 *       the question names it for its value ({@code SELECT Abbreviation ... WHERE Abbreviation = 'UAL'}
 *       for "the airline with abbreviation UAL"). At the same weight as a table's it measured best
 *       (docs/CONSTRAINED-DECODING.md).</li>
 *   <li>A value column (one holding a database value the question names): 1 more, earned once per
 *       query where it is the column a WHERE or HAVING condition compares. Earned anywhere, as it
 *       was, it drew value columns into select lists, and condition columns already used there did
 *       not earn it at all ({@code SELECT Country ... WHERE Airline = 'USA'}).</li>
 * </ul>
 * A small model trained from scratch reads the schema poorly and names tables and columns it
 * memorized, while the linker finds the right ones for most questions (docs/CONSTRAINED-DECODING.md,
 * "Link prior").
 */
public final class LinkScores {
    public static final LinkScores NONE = new LinkScores(new TreeMap<>(), new TreeMap<>(), new TreeSet<>());

    /** Lower-case name to score; sorted, so that the names with a prefix are one sub-map. */
    private final TreeMap<String, Double> tables, columns;
    /** Lower-case names of the columns that hold a linked value, in any table. */
    private final TreeSet<String> valueColumns;

    private LinkScores(TreeMap<String, Double> tables, TreeMap<String, Double> columns, TreeSet<String> valueColumns) {
        this.tables = tables;
        this.columns = columns;
        this.valueColumns = valueColumns;
    }

    public static LinkScores of(DatabaseSchema schema, SchemaLinks links) {
        TreeMap<String, Double> tables = new TreeMap<>(), columns = new TreeMap<>();
        TreeSet<String> valueColumns = new TreeSet<>();
        for (Table t : schema.tables()) {
            double best = 0;
            for (Column c : t.columns()) {
                best = Math.max(best, links.columnScore(t.name(), c.name()));
                double name = links.column(t.name(), c.name()).map(NameMatch::score).orElse(0.0);
                if (name > 0) columns.merge(lower(c.name()), Math.min(1, name), Math::max);
                if (!links.values(t.name(), c.name()).isEmpty()) valueColumns.add(lower(c.name()));
            }
            double s = Math.max(links.table(t.name()).map(NameMatch::score).orElse(0.0), best / 2);
            if (s > 0) tables.merge(lower(t.name()), Math.min(1, s), Math::max);
        }
        return new LinkScores(tables, columns, valueColumns);
    }

    boolean isEmpty() {
        return tables.isEmpty() && columns.isEmpty() && valueColumns.isEmpty();
    }

    /** Whether some column holds a linked value: a condition's column may then earn up to 2. */
    boolean hasValueColumns() {
        return !valueColumns.isEmpty();
    }

    /** Whether a column of this name (lower case) holds a value the question names. */
    boolean valueColumn(String lowerName) {
        return valueColumns.contains(lowerName);
    }

    /** The score of a whole table name (lower case); 0 when the question does not point at it. */
    public double score(String lowerName) {
        return tables.getOrDefault(lowerName, 0.0);
    }

    /** The score of a whole column name (lower case). */
    public double column(String lowerName) {
        return columns.getOrDefault(lowerName, 0.0);
    }

    /** The score a column name earns here: a value column's only where a condition compares it. */
    double column(String lowerName, boolean inCondition) {
        return !inCondition && valueColumns.contains(lowerName) ? 0 : column(lowerName);
    }

    /** The best score among the tables whose name starts with {@code lowerPrefix}. */
    double best(String lowerPrefix) {
        return best(tables, lowerPrefix, null);
    }

    /**
     * The most a column whose name starts with {@code lowerPrefix} can earn: its name score unless in
     * {@code used}, plus 1 in a condition for a value column not in {@code usedValues}.
     */
    double bestColumn(String lowerPrefix, SqlGrammar.Names used, SqlGrammar.Names usedValues, boolean inCondition) {
        double best = 0;
        for (var e : columns.subMap(lowerPrefix, true, lowerPrefix + Character.MAX_VALUE, false).entrySet()) {
            if (used != null && used.contains(e.getKey())) continue;
            best = Math.max(best, column(e.getKey(), inCondition));
        }
        if (!inCondition) return best;
        for (String v : valueColumns.subSet(lowerPrefix, true, lowerPrefix + Character.MAX_VALUE, false)) {
            if (usedValues != null && usedValues.contains(v)) continue;
            best = Math.max(best, 1 + (used != null && used.contains(v) ? 0 : columns.getOrDefault(v, 0.0)));
        }
        return best;
    }

    private static double best(TreeMap<String, Double> scores, String prefix, SqlGrammar.Names used) {
        double best = 0;
        for (var e : scores.subMap(prefix, true, prefix + Character.MAX_VALUE, false).entrySet()) {
            if (used == null || !used.contains(e.getKey())) best = Math.max(best, e.getValue());
        }
        return best;
    }

    @Override public String toString() {
        return "LinkScores" + tables + columns + valueColumns;
    }

    /** Table name to score, for reports. */
    public Map<String, Double> asMap() {
        return java.util.Collections.unmodifiableMap(tables);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
