package dev.vantage.inference.constraint;

import dev.vantage.data.schema.Column;
import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.NameMatch;
import dev.vantage.data.schema.SchemaLinks;
import dev.vantage.data.schema.Table;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How strongly a question points at each table and column of its schema, in [0, 1], for the link
 * prior of decoding ({@link dev.vantage.inference.ConstraintState#linkPotential}).
 * <ul>
 *   <li>A table: its own name match (1 exact, the partial score otherwise), or half its best
 *       column's, whichever is higher. Earned when the table is bound in FROM.</li>
 *   <li>A column name: its best score in any table (a mentioned name, or 1 for a column holding a
 *       value the question names). Earned once per query, where the name is used in an expression.
 *       At the same weight as a table's it measured best (docs/CONSTRAINED-DECODING.md).</li>
 * </ul>
 * A small model trained from scratch reads the schema poorly and names tables and columns it
 * memorized, while the linker finds the right ones for most questions (docs/CONSTRAINED-DECODING.md,
 * "Link prior").
 */
public final class LinkScores {
    public static final LinkScores NONE = new LinkScores(new TreeMap<>(), new TreeMap<>());

    /** Lower-case name to score; sorted, so that the names with a prefix are one sub-map. */
    private final TreeMap<String, Double> tables, columns;

    private LinkScores(TreeMap<String, Double> tables, TreeMap<String, Double> columns) {
        this.tables = tables;
        this.columns = columns;
    }

    public static LinkScores of(DatabaseSchema schema, SchemaLinks links) {
        TreeMap<String, Double> tables = new TreeMap<>(), columns = new TreeMap<>();
        for (Table t : schema.tables()) {
            double best = 0;
            for (Column c : t.columns()) {
                double s = links.columnScore(t.name(), c.name());
                best = Math.max(best, s);
                if (s > 0) columns.merge(lower(c.name()), Math.min(1, s), Math::max);
            }
            double s = Math.max(links.table(t.name()).map(NameMatch::score).orElse(0.0), best / 2);
            if (s > 0) tables.merge(lower(t.name()), Math.min(1, s), Math::max);
        }
        return new LinkScores(tables, columns);
    }

    boolean isEmpty() {
        return tables.isEmpty() && columns.isEmpty();
    }

    /** The score of a whole table name (lower case); 0 when the question does not point at it. */
    public double score(String lowerName) {
        return tables.getOrDefault(lowerName, 0.0);
    }

    /** The score of a whole column name (lower case). */
    public double column(String lowerName) {
        return columns.getOrDefault(lowerName, 0.0);
    }

    /** The best score among the tables whose name starts with {@code lowerPrefix}. */
    double best(String lowerPrefix) {
        return best(tables, lowerPrefix, null);
    }

    /** The best score among the columns whose name starts with {@code lowerPrefix}, except those in {@code used}. */
    double bestColumn(String lowerPrefix, SqlGrammar.Names used) {
        return best(columns, lowerPrefix, used);
    }

    private static double best(TreeMap<String, Double> scores, String prefix, SqlGrammar.Names used) {
        double best = 0;
        for (var e : scores.subMap(prefix, true, prefix + Character.MAX_VALUE, false).entrySet()) {
            if (used == null || !used.contains(e.getKey())) best = Math.max(best, e.getValue());
        }
        return best;
    }

    @Override public String toString() {
        return "LinkScores" + tables + columns;
    }

    /** Table name to score, for reports. */
    public Map<String, Double> asMap() {
        return java.util.Collections.unmodifiableMap(tables);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
