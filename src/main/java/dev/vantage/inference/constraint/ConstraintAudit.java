package dev.vantage.inference.constraint;

import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.sql.SqlNormalizer;
import dev.vantage.inference.ConstraintState;
import dev.vantage.inference.TokenConstraint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Feeds gold queries, normalized as the model's targets are, to a constraint ({@link SqlConstraint},
 * or any built per question such as {@link QuestionConstraint}) in three ways (whole, one character
 * at a time, cut at random points) and counts what it accepts.
 */
public final class ConstraintAudit {
    private ConstraintAudit() {}

    /** A gold query, the database it runs on and its question (empty when unknown). */
    public record Gold(String dbId, String sql, String question) {
        public Gold(String dbId, String sql) {
            this(dbId, sql, "");
        }
    }

    /** The constraint to check one gold query with. */
    @FunctionalInterface
    public interface Factory {
        TokenConstraint constraint(DatabaseSchema schema, Gold gold);
    }

    /** One query not accepted: how it was fed and where it stopped. */
    public record Failure(String dbId, String sql, String reason) {
        @Override public String toString() {
            return dbId + ": " + reason + ": " + sql;
        }
    }

    /**
     * @param properPrefixes          character prefixes shorter than the query, over accepted queries
     * @param prefixesThatCanEnd      how many of them {@code canEnd()} (each is then a complete query)
     */
    public record Report(int queries, int noSchema, int notNormalized, int accepted, List<Failure> failures,
                         long properPrefixes, long prefixesThatCanEnd) {
        public int checked() {
            return queries - noSchema - notNormalized;
        }

        public double acceptanceRate() {
            return checked() == 0 ? 0 : (double) accepted / checked();
        }

        @Override public String toString() {
            return String.format("%d queries, %d without schema, %d not normalized, %d/%d accepted (%.2f%%) whole, "
                            + "by characters and cut at random; %d of %d proper prefixes can end",
                    queries, noSchema, notNormalized, accepted, checked(), 100 * acceptanceRate(),
                    prefixesThatCanEnd, properPrefixes);
        }
    }

    public static Report run(List<Gold> gold, Map<String, DatabaseSchema> schemas, SqlConstraint.Options options,
                             long seed) {
        Map<String, SqlConstraint> constraints = new HashMap<>();
        return run(gold, schemas, (schema, g) -> constraints.computeIfAbsent(g.dbId(), k -> new SqlConstraint(schema, options)), seed);
    }

    public static Report run(List<Gold> gold, Map<String, DatabaseSchema> schemas, Factory factory, long seed) {
        Random random = new Random(seed);
        int noSchema = 0, notNormalized = 0, accepted = 0;
        long prefixes = 0, ending = 0;
        List<Failure> failures = new ArrayList<>();
        for (Gold g : gold) {
            DatabaseSchema schema = schemas.get(g.dbId());
            if (schema == null) {
                noSchema++;
                continue;
            }
            String sql;
            try {
                sql = SqlNormalizer.normalize(g.sql(), schema);
            } catch (RuntimeException e) {
                notNormalized++;
                continue;
            }
            TokenConstraint c = factory.constraint(schema, g);
            String reason = check(c, sql, random);
            if (reason != null) {
                failures.add(new Failure(g.dbId(), sql, reason));
                continue;
            }
            accepted++;
            ConstraintState s = c.initial();
            for (int i = 0; i < sql.length() - 1; i++) {
                s = s.advance(sql.substring(i, i + 1));
                prefixes++;
                if (s.canEnd()) ending++;
            }
        }
        return new Report(gold.size(), noSchema, notNormalized, accepted, List.copyOf(failures), prefixes, ending);
    }

    /** Null when the query is accepted whole, by characters and in random pieces and can end each time; else why not. */
    public static String check(TokenConstraint c, String sql, Random random) {
        ConstraintState s = c.initial().advance(sql);
        if (s == null) return "rejected whole";
        if (!s.canEnd()) return "whole query cannot end";
        s = c.initial();
        for (int i = 0; i < sql.length(); i++) {
            s = s.advance(sql.substring(i, i + 1));
            if (s == null) return "rejected at character " + i + " (after '" + sql.substring(0, i) + "')";
        }
        if (!s.canEnd()) return "cannot end after the last character";
        s = c.initial();
        int i = 0;
        while (i < sql.length()) {
            int j = Math.min(sql.length(), i + 1 + random.nextInt(8));
            s = s.advance(sql.substring(i, j));
            if (s == null) return "rejected piece '" + sql.substring(i, j) + "' at " + i;
            i = j;
        }
        return s.canEnd() ? null : "cannot end after random pieces";
    }
}
