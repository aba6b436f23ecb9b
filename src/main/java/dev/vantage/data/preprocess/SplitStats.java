package dev.vantage.data.preprocess;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** Counts and length distributions of one output split (train or validation). */
public final class SplitStats {
    private final Map<String, Integer> written = new TreeMap<>();
    private final Map<String, Integer> missingDatabase = new TreeMap<>();
    private final Map<String, Integer> unreadableDatabase = new TreeMap<>();
    private final Map<String, Integer> augmentations = new TreeMap<>();
    int questionTruncated, evidenceTruncated, schemaTruncated, sqlTooLong, schemaPruned, sqlNotNormalized;
    long tablesPruned;
    long schemaTokens, inputTokens;
    private final IntSamples schemaLen = new IntSamples(), questionLen = new IntSamples(), evidenceLen = new IntSamples(),
            sqlLen = new IntSamples(), inputLen = new IntSamples();

    /** Counts one encoding outcome (written, or dropped for a too long SQL). */
    void record(ExampleEncoder.Result r) {
        if (!r.sqlNormalized()) sqlNotNormalized++;
        if (r.example().isEmpty()) { sqlTooLong++; return; }
        if (r.tablesPruned() > 0) { schemaPruned++; tablesPruned += r.tablesPruned(); }
        if (r.questionTruncated()) questionTruncated++;
        if (r.evidenceTruncated()) evidenceTruncated++;
        if (r.schemaTruncated()) schemaTruncated++;
        written(r.dataset(), r.example().get(), r.questionTokens(), r.evidenceTokens(), r.sqlTokens());
    }

    private void written(String dataset, EncodedExample e, int questionTokens, int evidenceTokens, int sqlTokens) {
        written.merge(dataset, 1, Integer::sum);
        schemaTokens += e.schemaIds().length;
        inputTokens += e.inputIds().length;
        schemaLen.add(e.schemaIds().length);
        questionLen.add(questionTokens);
        if (evidenceTokens > 0) evidenceLen.add(evidenceTokens);
        sqlLen.add(sqlTokens);
        inputLen.add(e.inputIds().length);
    }

    void augmented(java.util.List<String> applied) {
        for (String a : applied) augmentations.merge(a, 1, Integer::sum);
    }

    void missingDatabase(String dataset, int n) { missingDatabase.merge(dataset, n, Integer::sum); }
    void unreadableDatabase(String dataset, int n) { unreadableDatabase.merge(dataset, n, Integer::sum); }

    public int examples() { return written.values().stream().mapToInt(Integer::intValue).sum(); }
    public int skippedMissingDatabase() { return missingDatabase.values().stream().mapToInt(Integer::intValue).sum(); }
    public int sqlTooLong() { return sqlTooLong; }
    public int schemaTruncated() { return schemaTruncated; }
    public int questionTruncated() { return questionTruncated; }
    public int schemaPruned() { return schemaPruned; }
    public int sqlNotNormalized() { return sqlNotNormalized; }

    ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("examples", examples());
        ObjectNode by = n.putObject("examples_by_dataset");
        written.forEach(by::put);
        ObjectNode tokens = n.putObject("tokens");
        tokens.put("schema", schemaTokens);
        tokens.put("input", inputTokens);
        tokens.put("total", schemaTokens + inputTokens);
        ObjectNode lengths = n.putObject("lengths");
        lengths.set("schema", schemaLen.summary());
        lengths.set("question", questionLen.summary());
        lengths.set("evidence", evidenceLen.summary());
        lengths.set("sql", sqlLen.summary());
        lengths.set("input", inputLen.summary());
        ObjectNode trunc = n.putObject("truncated");
        trunc.put("question", questionTruncated);
        trunc.put("evidence", evidenceTruncated);
        trunc.put("schema", schemaTruncated);
        ObjectNode pruned = n.putObject("pruned");
        pruned.put("schemas", schemaPruned);
        pruned.put("tables", tablesPruned);
        n.put("sql_not_normalized", sqlNotNormalized);
        n.put("dropped_sql_too_long", sqlTooLong);
        ObjectNode missing = n.putObject("skipped_missing_database");
        missingDatabase.forEach(missing::put);
        ObjectNode unreadable = n.putObject("skipped_unreadable_database");
        unreadableDatabase.forEach(unreadable::put);
        ObjectNode aug = n.putObject("augmentations_applied");
        augmentations.forEach(aug::put);
        return n;
    }

    /** Lengths kept to report percentiles. */
    static final class IntSamples {
        private int[] v = new int[1024];
        private int n;

        void add(int x) {
            if (n == v.length) v = Arrays.copyOf(v, n * 2);
            v[n++] = x;
        }

        ObjectNode summary() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("count", n);
            if (n == 0) return o;
            int[] s = Arrays.copyOf(v, n);
            Arrays.sort(s);
            o.put("mean", Math.round(Arrays.stream(s).average().orElse(0) * 10) / 10.0);
            o.put("p50", percentile(s, 50));
            o.put("p90", percentile(s, 90));
            o.put("p99", percentile(s, 99));
            o.put("max", s[n - 1]);
            return o;
        }

        /** Nearest-rank percentile. */
        static int percentile(int[] sorted, int p) {
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, rank - 1)];
        }
    }
}
