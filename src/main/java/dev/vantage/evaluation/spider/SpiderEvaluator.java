package dev.vantage.evaluation.spider;

import dev.vantage.evaluation.execution.BoundedParallel;
import dev.vantage.evaluation.execution.ConnectionPool;
import dev.vantage.evaluation.execution.ExecutionLimits;
import dev.vantage.evaluation.execution.SafeExecutor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * Runs the official Spider evaluation over gold and predicted queries: hardness of the gold query,
 * exact set match with partial scores, and test-suite execution accuracy, one question per task on a
 * bounded thread pool. Questions whose database file is missing are skipped and reported.
 */
public final class SpiderEvaluator {

    /** Options of one run. */
    public record Options(EvalType etype, boolean keepDistinct, int threads, ExecutionLimits limits, boolean progress) {}

    /** All per-question results and the scores computed from them. */
    public record Run(List<QuestionResult> questions, Map<String, SpiderScores.Level> scores, long wallNanos) {
        public long skipped() {
            return questions.stream().filter(QuestionResult::isSkipped).count();
        }

        /** Share of evaluated predictions that parse and execute without error; NaN when not executed. */
        public double validSqlRate() {
            List<QuestionResult> measured = questions.stream().filter(q -> q.validSql() != null).toList();
            return measured.isEmpty() ? Double.NaN
                    : measured.stream().filter(QuestionResult::validSql).count() / (double) measured.size();
        }
    }

    private final Path databaseDir;
    private final Map<String, ForeignKeyMap> foreignKeys;
    private final Options options;
    private final Map<String, Object> schemas = new ConcurrentHashMap<>(); // SpiderSchema, or a String error

    public SpiderEvaluator(Path databaseDir, Map<String, ForeignKeyMap> foreignKeys, Options options) {
        this.databaseDir = databaseDir;
        this.foreignKeys = foreignKeys;
        this.options = options;
    }

    public Run evaluate(List<GoldQuery> gold, List<String> predictions) {
        if (gold.size() != predictions.size()) {
            throw new IllegalArgumentException(gold.size() + " gold queries but " + predictions.size() + " predictions");
        }
        long start = System.nanoTime();
        List<QuestionResult> results;
        try (SafeExecutor executor = new SafeExecutor(options.limits()); ConnectionPool pool = new ConnectionPool()) {
            TestSuiteExecution execution = new TestSuiteExecution(executor, pool, options.keepDistinct());
            List<Integer> indexes = IntStream.range(0, gold.size()).boxed().toList();
            results = BoundedParallel.map(indexes, options.threads(), options.progress() ? "spider eval" : null,
                    i -> evaluateOne(i, gold.get(i), predictions.get(i), execution));
        }
        return new Run(results, SpiderScores.compute(results, options.etype()), System.nanoTime() - start);
    }

    private QuestionResult evaluateOne(int index, GoldQuery gold, String rawPrediction, TestSuiteExecution execution) {
        Path folder = databaseDir.resolve(gold.dbId());
        Path main = folder.resolve(gold.dbId() + ".sqlite");
        if (!Files.isRegularFile(main)) {
            return QuestionResult.skipped(index, gold, rawPrediction, "database missing: " + main);
        }
        Object schemaOrError = schemas.computeIfAbsent(gold.dbId(), id -> readSchema(main));
        if (schemaOrError instanceof String error) {
            return QuestionResult.skipped(index, gold, rawPrediction, error);
        }
        SpiderSchema schema = (SpiderSchema) schemaOrError;
        String prediction = OfficialRewrites.plugValuePlaceholder(rawPrediction);

        SpiderSql goldSql;
        try {
            goldSql = SpiderSqlParser.parse(schema, gold.sql());
        } catch (SpiderParseException e) {
            return QuestionResult.skipped(index, gold, rawPrediction,
                    "gold SQL (line " + gold.line() + ") not accepted by the Spider grammar: " + e.getMessage());
        }
        Hardness hardness = Hardness.of(goldSql);

        boolean parsed = true;
        String parseError = null;
        SpiderSql predSql;
        try {
            predSql = SpiderSqlParser.parse(schema, prediction);
        } catch (SpiderParseException e) {
            parsed = false;
            parseError = e.getMessage();
            predSql = SpiderSql.EMPTY;
        }

        Boolean exact = null;
        Map<String, PartialScore> partial = null;
        if (options.etype().match()) {
            ForeignKeyMap keys = foreignKeys.get(gold.dbId());
            if (keys == null) {
                return QuestionResult.skipped(index, gold, rawPrediction, "no tables.json entry for " + gold.dbId());
            }
            ExactMatch.Result match = ExactMatch.evaluate(SqlRebuilder.normalise(predSql, schema, keys),
                    SqlRebuilder.normalise(goldSql, schema, keys));
            exact = match.exact();
            partial = match.partial();
        }

        Boolean exec = null;
        String execDetail = null;
        Boolean valid = null;
        if (options.etype().exec()) {
            valid = execution.runsCleanly(main, rawPrediction);
            try {
                TestSuiteExecution.Verdict verdict = execution.compare(TestSuiteExecution.databasesOf(folder),
                        gold.sql(), prediction);
                exec = verdict.correct();
                execDetail = verdict.detail();
            } catch (IOException e) {
                exec = false;
                execDetail = "cannot list " + folder + ": " + e.getMessage();
            }
        }
        return new QuestionResult(index, gold.dbId(), gold.sql(), rawPrediction, hardness, null, parsed, parseError,
                exact, partial, exec, execDetail, valid);
    }

    private static Object readSchema(Path file) {
        try {
            return SpiderSchema.fromSqlite(file);
        } catch (SQLException e) {
            return "cannot read schema of " + file + ": " + e.getMessage();
        }
    }

    /** Questions skipped, grouped by reason, for the report. */
    public static List<String> skipSummary(List<QuestionResult> results) {
        Map<String, Long> byReason = new java.util.TreeMap<>();
        for (QuestionResult r : results) {
            if (r.isSkipped()) {
                byReason.merge(r.skipReason(), 1L, Long::sum);
            }
        }
        List<String> lines = new ArrayList<>();
        byReason.forEach((reason, n) -> lines.add(n + " question(s): " + reason));
        return lines;
    }
}
