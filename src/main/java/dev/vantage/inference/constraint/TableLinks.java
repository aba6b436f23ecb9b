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
 * How strongly a question points at each table of its schema, in [0, 1]: the table's own name match
 * (1 exact, the partial score otherwise), or half its best column's (a mentioned column or linked
 * value), whichever is higher. The decoder adds this, weighted, when it binds a table in FROM
 * ({@link dev.vantage.inference.ConstraintState#linkPotential}): a small model trained from scratch
 * reads the schema poorly and names tables it memorized, while the linker finds the right one for
 * most questions (docs/CONSTRAINED-DECODING.md, "Link prior").
 */
public final class TableLinks {
    public static final TableLinks NONE = new TableLinks(new TreeMap<>());

    /** Lower-case table name to score; sorted, so that the names with a prefix are one sub-map. */
    private final TreeMap<String, Double> scores;

    private TableLinks(TreeMap<String, Double> scores) {
        this.scores = scores;
    }

    public static TableLinks of(DatabaseSchema schema, SchemaLinks links) {
        TreeMap<String, Double> scores = new TreeMap<>();
        for (Table t : schema.tables()) {
            double best = 0;
            for (Column c : t.columns()) best = Math.max(best, links.columnScore(t.name(), c.name()));
            double s = Math.max(links.table(t.name()).map(NameMatch::score).orElse(0.0), best / 2);
            if (s > 0) scores.merge(t.name().toLowerCase(Locale.ROOT), Math.min(1, s), Math::max);
        }
        return new TableLinks(scores);
    }

    boolean isEmpty() {
        return scores.isEmpty();
    }

    /** The score of a whole table name (lower case); 0 when the question does not point at it. */
    public double score(String lowerName) {
        return scores.getOrDefault(lowerName, 0.0);
    }

    /** The best score among the tables whose name starts with {@code lowerPrefix}. */
    double best(String lowerPrefix) {
        double best = 0;
        for (double s : scores.subMap(lowerPrefix, true, lowerPrefix + Character.MAX_VALUE, false).values()) best = Math.max(best, s);
        return best;
    }

    @Override public String toString() {
        return "TableLinks" + scores;
    }

    /** Table name to score, for reports. */
    public Map<String, Double> asMap() {
        return java.util.Collections.unmodifiableMap(scores);
    }
}
