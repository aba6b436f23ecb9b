package dev.vantage.evaluation.spider;

import dev.vantage.evaluation.execution.BoundedParallel;
import dev.vantage.evaluation.execution.ConnectionPool;
import dev.vantage.evaluation.execution.ExecutionLimits;
import dev.vantage.evaluation.execution.ReadOnlyQueryGuard;
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
 * bounded thread pool. A question whose database file is missing is scored for exact match from its
 * tables.json schema and skipped (and reported) for execution only. Nothing in a prediction line ends
 * the run: an unreadable line, one nested too deeply for the grammar or with several statements scores
 * 0 (or as the official script scores it) with its reason.
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
    private final Map<String, SpiderSchema> tablesSchemas;
    private final Options options;
    private final Map<String, Object> schemas = new ConcurrentHashMap<>(); // SpiderSchema, or a String error

    public SpiderEvaluator(Path databaseDir, Map<String, ForeignKeyMap> foreignKeys, Options options) {
        this(databaseDir, foreignKeys, Map.of(), options);
    }

    /**
     * @param tablesSchemas schemas from tables.json by db_id: exact match uses them for questions whose
     *                      database file is missing (execution then skips those questions)
     */
    public SpiderEvaluator(Path databaseDir, Map<String, ForeignKeyMap> foreignKeys,
                           Map<String, SpiderSchema> tablesSchemas, Options options) {
        this.databaseDir = databaseDir;
        this.foreignKeys = foreignKeys;
        this.tablesSchemas = tablesSchemas;
        this.options = options;
    }

    public Run evaluate(List<GoldQuery> gold, List<String> predictions) {
        return evaluate(gold, predictions, Map.of());
    }

    /**
     * @param unreadable reasons by question index for prediction lines that could not be read (invalid
     *                   UTF-8): those score 0 with the reason, the run goes on
     */
    public Run evaluate(List<GoldQuery> gold, List<String> predictions, Map<Integer, String> unreadable) {
        if (gold.size() != predictions.size()) {
            throw new IllegalArgumentException(gold.size() + " gold queries but " + predictions.size() + " predictions");
        }
        long start = System.nanoTime();
        List<QuestionResult> results;
        try (SafeExecutor executor = new SafeExecutor(options.limits()); ConnectionPool pool = new ConnectionPool()) {
            TestSuiteExecution execution = new TestSuiteExecution(executor, pool, options.keepDistinct());
            List<Integer> indexes = IntStream.range(0, gold.size()).boxed().toList();
            results = BoundedParallel.map(indexes, options.threads(), options.progress() ? "spider eval" : null,
                    i -> evaluateOne(i, gold.get(i), predictions.get(i), unreadable.get(i), execution));
        }
        return new Run(results, SpiderScores.compute(results, options.etype()), System.nanoTime() - start);
    }

    /** One question; nothing a prediction contains can make this throw. */
    private QuestionResult evaluateOne(int index, GoldQuery gold, String rawPrediction, String unreadable,
                                       TestSuiteExecution execution) {
        try {
            return evaluateQuestion(index, gold, rawPrediction, unreadable, execution);
        } catch (StackOverflowError e) {
            return QuestionResult.skipped(index, gold, rawPrediction, "gold SQL (line " + gold.line()
                    + ") too deeply nested to evaluate");
        } catch (RuntimeException e) {
            return QuestionResult.skipped(index, gold, rawPrediction, "internal error on gold SQL (line "
                    + gold.line() + "): " + e);
        }
    }

    private QuestionResult evaluateQuestion(int index, GoldQuery gold, String rawPrediction, String unreadable,
                                            TestSuiteExecution execution) {
        Path folder = databaseDir.resolve(gold.dbId());
        Path main = folder.resolve(gold.dbId() + ".sqlite");
        boolean haveDatabase = Files.isRegularFile(main);
        boolean match = options.etype().match();
        boolean exec = options.etype().exec() && haveDatabase;
        if (!haveDatabase && (!match || !tablesSchemas.containsKey(gold.dbId()))) {
            return QuestionResult.skipped(index, gold, rawPrediction, "database missing: " + main);
        }
        Object schemaOrError = haveDatabase ? schemas.computeIfAbsent(gold.dbId(), id -> readSchema(main))
                : tablesSchemas.get(gold.dbId());
        if (schemaOrError instanceof String error) {
            return QuestionResult.skipped(index, gold, rawPrediction, error);
        }
        SpiderSchema schema = (SpiderSchema) schemaOrError;
        ForeignKeyMap keys = foreignKeys.get(gold.dbId());
        if (match && keys == null) {
            return QuestionResult.skipped(index, gold, rawPrediction, "no tables.json entry for " + gold.dbId());
        }

        SpiderSql goldSql;
        try {
            goldSql = SpiderSqlParser.parse(schema, gold.sql());
        } catch (SpiderParseException e) {
            return QuestionResult.skipped(index, gold, rawPrediction,
                    "gold SQL (line " + gold.line() + ") not accepted by the Spider grammar: " + e.getMessage());
        }
        Hardness hardness = Hardness.of(goldSql);
        SpiderSql goldNormal = match ? SqlRebuilder.normalise(goldSql, schema, keys) : null;

        if (unreadable != null) {
            Map<String, PartialScore> partial = match ? ExactMatch.evaluate(
                    SqlRebuilder.normalise(SpiderSql.EMPTY, schema, keys), goldNormal).partial() : null;
            return new QuestionResult(index, gold.dbId(), gold.sql(), rawPrediction, hardness, null, false, unreadable,
                    match ? false : null, partial, exec ? false : null, exec ? unreadable : null, exec ? false : null);
        }
        String prediction = OfficialRewrites.plugValuePlaceholder(rawPrediction);

        boolean parsed = true;
        String parseError = null;
        SpiderSql predSql;
        try {
            predSql = SpiderSqlParser.parse(schema, prediction, System.nanoTime() + options.limits().timeout().toNanos());
        } catch (SpiderParseException e) {
            parsed = false;
            parseError = e.getMessage();
            predSql = SpiderSql.EMPTY;
        } catch (StackOverflowError e) {
            parsed = false;
            parseError = "too deeply nested for the Spider grammar";
            predSql = SpiderSql.EMPTY;
        }

        Boolean exact = null;
        Map<String, PartialScore> partial = null;
        if (match) {
            ExactMatch.Result result;
            try {
                result = ExactMatch.evaluate(SqlRebuilder.normalise(predSql, schema, keys), goldNormal);
            } catch (StackOverflowError e) {
                parsed = false;
                parseError = "too deeply nested to compare";
                result = ExactMatch.evaluate(SqlRebuilder.normalise(SpiderSql.EMPTY, schema, keys), goldNormal);
            }
            exact = result.exact();
            partial = result.partial();
        }

        Boolean execCorrect = null;
        String execDetail = null;
        Boolean valid = null;
        if (exec) {
            try {
                List<Path> databases = new ArrayList<>(TestSuiteExecution.databasesOf(folder));
                databases.remove(main);
                databases.addFirst(main); // the prediction's first run tells whether it is valid SQL
                TestSuiteExecution.Verdict verdict = execution.compare(databases, gold.sql(), prediction);
                execCorrect = verdict.correct();
                execDetail = verdict.detail();
                valid = verdict.predictionRan();
            } catch (IOException e) {
                execCorrect = false;
                execDetail = "cannot list " + folder + ": " + e.getMessage();
                valid = false;
            }
            int statements = ReadOnlyQueryGuard.statementCount(rawPrediction);
            if (statements > 1) {
                valid = false;
                execDetail = (execDetail.isEmpty() ? "" : execDetail + "; ") + "the line has " + statements
                        + " statements: only the first was executed, as the official script does";
            }
        }
        return new QuestionResult(index, gold.dbId(), gold.sql(), rawPrediction, hardness, null, parsed, parseError,
                exact, partial, execCorrect, execDetail, valid);
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
