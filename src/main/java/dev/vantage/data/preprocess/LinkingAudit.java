package dev.vantage.data.preprocess;

import dev.vantage.data.schema.Column;
import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.SchemaLinks;
import dev.vantage.data.schema.SchemaSerializer;
import dev.vantage.data.schema.SerializationOptions;
import dev.vantage.data.schema.SqliteDatabases;
import dev.vantage.data.schema.Table;
import dev.vantage.data.schema.ValueIndex;
import dev.vantage.data.sql.SchemaUsage;
import dev.vantage.data.sql.SqlParseException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How much of what gold SQL needs the model's input keeps, with pruning (the {@link PromptEncoder})
 * and with plain truncation of the same text at the same budget, and the linker's precision and
 * recall against the tables and columns the gold SQL uses ({@link SchemaUsage}).
 */
public final class LinkingAudit {
    public record Question(String question, String sql, String dbId) {}

    /** Counts over the questions whose gold SQL parsed against their schema. */
    public record Report(int questions, int unparsed, int budget,
                         int keptByPruning, int keptByTruncation, int keptByOldTruncation, int pruned, int overBudgetUnpruned,
                         long encoderTokens, long oldSchemaTokens, long decoderPrefixTokens,
                         Rates tables, Rates columns, Rates exactTables, Rates exactColumns) {
        public int counted() { return questions - unparsed; }

        private static double pct(int part, int whole) { return whole == 0 ? 0 : 100.0 * part / whole; }

        @Override public String toString() {
            int n = counted();
            return String.format(Locale.ROOT, """
                    questions %d (gold SQL not parsed: %d), budget %d tokens
                    every gold table and column kept: pruning %d (%.1f%%), truncating the same input %d (%.1f%%), \
                    old format truncated (schema alone, no question) %d (%.1f%%)
                    schemas over budget: %d (%.1f%%), all pruned
                    mean encoder input %.1f tokens (old format: schema %.1f), mean decoder prefix %.1f tokens
                    linker, tables:  %s
                    linker, columns: %s
                    exact name matches only, tables:  %s
                    exact name matches only, columns: %s""",
                    questions, unparsed, budget, keptByPruning, pct(keptByPruning, n), keptByTruncation, pct(keptByTruncation, n),
                    keptByOldTruncation, pct(keptByOldTruncation, n), pruned, pct(pruned, n),
                    (double) encoderTokens / n, (double) oldSchemaTokens / n, (double) decoderPrefixTokens / n,
                    tables, columns, exactTables, exactColumns);
        }
    }

    /** Precision and recall of predicted against gold sets, summed over questions. */
    public record Rates(long truePositives, long predicted, long gold) {
        public double precision() { return predicted == 0 ? 0 : (double) truePositives / predicted; }
        public double recall() { return gold == 0 ? 0 : (double) truePositives / gold; }

        Rates plus(Set<String> pred, Set<String> goldSet) {
            long tp = pred.stream().filter(goldSet::contains).count();
            return new Rates(truePositives + tp, predicted + pred.size(), gold + goldSet.size());
        }

        @Override public String toString() {
            return String.format(Locale.ROOT, "precision %.1f%%, recall %.1f%% (%d found, %d linked, %d used by gold)",
                    100 * precision(), 100 * recall(), truePositives, predicted, gold);
        }
    }

    private LinkingAudit() {}

    /**
     * @param databaseDir Spider's {@code database/} folder for value linking, or null for names only
     * @param perQuestion called for each counted question (e.g. to list misses), or null
     */
    public static Report run(List<Question> questions, Map<String, DatabaseSchema> schemas, Path databaseDir, PromptEncoder encoder,
                             Consumer<String> perQuestion) {
        PromptOptions o = encoder.options();
        int budget = o.limits().maxSchemaTokens();
        SerializationOptions oldFormat = new SerializationOptions(o.schema().columnTypes(), o.schema().keyMarkers(), o.schema().valueLinking(),
                o.schema().maxValuesPerColumn(), o.schema().descriptions(), false);
        Map<String, ValueIndex> indexes = new HashMap<>();
        int unparsed = 0, keptPruning = 0, keptTrunc = 0, keptOld = 0, pruned = 0, overUnpruned = 0;
        long encTokens = 0, oldTokens = 0, prefixTokens = 0;
        Rates tables = new Rates(0, 0, 0), columns = new Rates(0, 0, 0), exactTables = tables, exactColumns = tables;
        for (Question q : questions) {
            DatabaseSchema schema = schemas.get(q.dbId());
            SchemaUsage gold;
            try {
                if (schema == null) throw new SqlParseException("no schema for " + q.dbId());
                gold = SchemaUsage.of(q.sql(), schema);
            } catch (SqlParseException e) {
                unparsed++;
                continue;
            }
            ValueIndex values = databaseDir == null ? null : indexes.computeIfAbsent(q.dbId(), id -> {
                Path db = SqliteDatabases.inDatabaseDir(databaseDir, id);
                return Files.isRegularFile(db) ? ValueIndex.build(db) : null;
            });
            Prompt p = encoder.encode(q.question(), schema, values);
            boolean byPruning = covers(p.schema().schema(), gold) && !p.schemaTruncated();
            if (byPruning) keptPruning++;
            if (p.pruned()) pruned++;
            encTokens += p.schemaIds().length;
            prefixTokens += p.decoderPrefix().length;

            SchemaLinks links = SchemaSerializer.links(schema, o.schema(), q.question(), values);
            int questionPart = p.schemaIds().length - encoder.schemaTokenCount(p.schemaText());
            boolean byTruncation = coversWithin(schema, o.schema(), links, budget - questionPart, gold, encoder);
            if (byTruncation) keptTrunc++;
            SchemaLinks valuesOnly = new SchemaLinks(Map.of(), Map.of(), links.values());
            boolean byOld = coversWithin(schema, oldFormat, valuesOnly, budget, gold, encoder);
            if (byOld) keptOld++;
            oldTokens += Math.min(budget, encoder.schemaTokenCount(SchemaSerializer.serialize(schema, oldFormat, valuesOnly)));
            if (!p.pruned() && p.schemaIds().length > budget) overUnpruned++;

            Set<String> linkedTables = new HashSet<>(), linkedColumns = new HashSet<>(), exactT = new HashSet<>(), exactC = new HashSet<>();
            for (Table t : schema.tables()) {
                String tn = t.name().toLowerCase(Locale.ROOT);
                links.table(t.name()).ifPresent(m -> { linkedTables.add(tn); if (m.exact()) exactT.add(tn); });
                for (Column c : t.columns()) {
                    String cn = tn + "." + c.name().toLowerCase(Locale.ROOT);
                    if (links.columnScore(t.name(), c.name()) > 0) linkedColumns.add(cn);
                    if (links.column(t.name(), c.name()).map(m -> m.exact()).orElse(false) || !links.values(t.name(), c.name()).isEmpty()) exactC.add(cn);
                }
            }
            tables = tables.plus(linkedTables, gold.tables());
            columns = columns.plus(linkedColumns, gold.columns());
            exactTables = exactTables.plus(exactT, gold.tables());
            exactColumns = exactColumns.plus(exactC, gold.columns());
            if (perQuestion != null && !byPruning) {
                Set<String> missing = new HashSet<>(gold.tables());
                missing.addAll(gold.columns());
                for (Table t : p.schema().schema().tables()) {
                    missing.remove(t.name().toLowerCase(Locale.ROOT));
                    for (Column c : t.columns()) missing.remove((t.name() + "." + c.name()).toLowerCase(Locale.ROOT));
                }
                perQuestion.accept(q.dbId() + ": " + q.question() + " | missing " + missing);
            }
        }
        return new Report(questions.size(), unparsed, budget, keptPruning, keptTrunc, keptOld, pruned, overUnpruned,
                encTokens, oldTokens, prefixTokens, tables, columns, exactTables, exactColumns);
    }

    private static boolean covers(DatabaseSchema kept, SchemaUsage gold) {
        for (String t : gold.tables()) if (kept.table(t).isEmpty()) return false;
        for (String c : gold.columns()) {
            int dot = c.indexOf('.');
            Table t = kept.table(c.substring(0, dot)).orElse(null);
            if (t == null || t.column(c.substring(dot + 1)).isEmpty()) return false;
        }
        return true;
    }

    /**
     * Whether cutting the serialized schema after {@code budget} tokens keeps every gold table and
     * column: a table counts when its name is in, a column when its whole text is.
     */
    private static boolean coversWithin(DatabaseSchema schema, SerializationOptions opts, SchemaLinks links, int budget, SchemaUsage gold,
                                        PromptEncoder encoder) {
        Set<String> kept = new HashSet<>();
        int used = 0;
        outer:
        for (Table t : schema.tables()) {
            String header = SchemaSerializer.table(schema, t.withColumns(List.of()), opts, links);
            used += encoder.schemaTokenCount(header);
            if (used > budget) break;
            kept.add(t.name().toLowerCase(Locale.ROOT));
            for (Column c : t.columns()) {
                String one = SchemaSerializer.table(schema, t.withColumns(List.of(c)), opts, links);
                used += encoder.schemaTokenCount(one) - encoder.schemaTokenCount(header);
                if (used > budget) break outer;
                kept.add((t.name() + "." + c.name()).toLowerCase(Locale.ROOT));
            }
        }
        return kept.containsAll(gold.tables()) && kept.containsAll(gold.columns());
    }
}
