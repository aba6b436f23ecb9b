package dev.vantage.inference.constraint;

import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.LinkedValue;
import dev.vantage.data.schema.ValueIndex;
import dev.vantage.inference.TokenConstraint;

import java.util.Collection;
import java.util.List;

/**
 * The constraint a model decodes one question under: the schema constraint with the normalizer's
 * aliases and spelling, and optionally the literal values of the question ({@link ValueConstraint})
 * with a column's own values after {@code =} ({@link ColumnDomains}) and numeric SUM and AVG
 * arguments ({@link NumericAggregates}), and the structure limits ({@link SqlConstraint.StructureLimits},
 * {@link DistinctConditions}).
 * The limits were chosen on Spider's gold queries (docs/CONSTRAINED-DECODING.md).
 */
public final class QuestionConstraint {
    private QuestionConstraint() {}

    /**
     * A schema table at most once per FROM clause, queries at most 3 deep, aliases T1 to T9, one
     * comparison per condition, at most 5 tables per FROM clause, at most 3 conditions per list
     * (Spider's gold has no more), plain expressions.
     */
    public static final SqlConstraint.StructureLimits LIMITS = new SqlConstraint.StructureLimits(1, 3, 9, true, 5, 3, true);

    /**
     * @param values    string and number literals only from the question or {@code dbValues} (a column's
     *                  own values after {@code =}, {@link ColumnDomains}), and no SUM or AVG of a column of
     *                  words ({@link NumericAggregates})
     * @param structure {@link #LIMITS} and no condition repeated within one list
     */
    public record Rules(boolean values, boolean structure) {
        public static final Rules ALL = new Rules(true, true);
        public static final Rules SCHEMA_ONLY = new Rules(false, false);
    }

    /**
     * @param dbValues database values a string literal may be besides question text (e.g. the values
     *                 linked to the question); empty without a database
     */
    public static TokenConstraint of(DatabaseSchema schema, String question, Collection<String> dbValues, Rules rules) {
        return of(schema, question, dbValues, rules, LinkScores.NONE);
    }

    /**
     * @param links what the states' {@link dev.vantage.inference.ConstraintState#linkPotential} reports;
     *              without the database's values, no column counts as words
     */
    public static TokenConstraint of(DatabaseSchema schema, String question, Collection<String> dbValues, Rules rules,
                                     LinkScores links) {
        return of(schema, question, dbValues, rules, links, null);
    }

    /**
     * @param contents the database's values, or null: what the value rules know of the columns
     *                 ({@link NumericAggregates}, {@link ColumnDomains}); the values it links to the
     *                 question may be string literals too, besides {@code dbValues}
     */
    public static TokenConstraint of(DatabaseSchema schema, String question, Collection<String> dbValues, Rules rules,
                                     LinkScores links, ValueIndex contents) {
        SqlConstraint.Options options = SqlConstraint.Options.NORMALIZED.withLinkScores(links);
        if (rules.structure()) options = options.withLimits(LIMITS);
        TokenConstraint c = new CanonicalSpelling(new SqlConstraint(schema, options), schema);
        if (rules.structure()) c = new DistinctConditions(c);
        if (rules.values()) {
            List<LinkedValue> named = contents == null ? List.of() : contents.link(question, ColumnDomains.LINKED_PER_COLUMN);
            List<String> literals = new java.util.ArrayList<>(dbValues);
            for (LinkedValue v : named) literals.add(v.value());
            c = new ValueConstraint(c, new LiteralValues(question, literals), ColumnDomains.of(schema, contents, named));
            c = new NumericAggregates(c, NumericAggregates.Kinds.of(schema, contents));
        }
        return c;
    }
}
