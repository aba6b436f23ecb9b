package dev.vantage.evaluation.bird;

import dev.vantage.evaluation.execution.BoundedParallel;
import dev.vantage.evaluation.execution.ConnectionPool;
import dev.vantage.evaluation.execution.ExecutionLimits;
import dev.vantage.evaluation.execution.ExecutionOutcome;
import dev.vantage.evaluation.execution.SafeExecutor;
import dev.vantage.evaluation.execution.SqliteConnector;
import dev.vantage.evaluation.spider.GoldQuery;
import dev.vantage.evaluation.spider.PyValue;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * BIRD execution accuracy as the official script computes it (the two results compared as sets of
 * rows: order and duplicates ignored), per difficulty, and optionally R-VES.
 */
public final class BirdEvaluator {
    public static final List<String> LEVELS = List.of("simple", "moderate", "challenging", "total");

    /**
     * @param vesIterations runs of each query for R-VES (the official default is 100); 0 skips R-VES
     */
    public record Options(int threads, ExecutionLimits limits, int vesIterations, boolean progress) {}

    public record Run(List<BirdQuestion> questions, Map<String, Double> ex, Map<String, Double> ves,
                      Map<String, Integer> counts, long wallNanos) {}

    private final Path databaseRoot;
    private final Options options;

    public BirdEvaluator(Path databaseRoot, Options options) {
        this.databaseRoot = databaseRoot;
        this.options = options;
    }

    public Run evaluate(List<GoldQuery> gold, List<String> predictions, List<String> difficulties) {
        if (predictions.size() != gold.size()) {
            throw new IllegalArgumentException(predictions.size() + " predictions for " + gold.size() + " gold queries");
        }
        if (difficulties != null && difficulties.size() != gold.size()) {
            throw new IllegalArgumentException(difficulties.size() + " difficulties for " + gold.size() + " gold queries");
        }
        long start = System.nanoTime();
        List<BirdQuestion> questions;
        try (SafeExecutor executor = new SafeExecutor(options.limits()); ConnectionPool pool = new ConnectionPool()) {
            questions = BoundedParallel.map(IntStream.range(0, gold.size()).boxed().toList(), options.threads(),
                    options.progress() ? "bird eval" : null,
                    i -> one(i, gold.get(i), predictions.get(i), difficulties == null ? "" : difficulties.get(i), executor, pool));
        }
        Map<String, Double> ex = new LinkedHashMap<>();
        Map<String, Double> ves = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String level : LEVELS) {
            List<BirdQuestion> in = questions.stream().filter(q -> !q.isSkipped())
                    .filter(q -> level.equals("total") || level.equals(q.difficulty())).toList();
            counts.put(level, in.size());
            ex.put(level, in.isEmpty() ? 0 : 100.0 * in.stream().filter(BirdQuestion::correct).count() / in.size());
            if (options.vesIterations() > 0) {
                ves.put(level, VesReward.score(in.stream().map(BirdQuestion::reward).toList()));
            }
        }
        return new Run(questions, ex, ves, counts, System.nanoTime() - start);
    }

    private BirdQuestion one(int index, GoldQuery gold, String pred, String difficulty, SafeExecutor executor, ConnectionPool pool) {
        Path file = databaseRoot.resolve(gold.dbId()).resolve(gold.dbId() + ".sqlite");
        if (!Files.isRegularFile(file)) {
            return new BirdQuestion(index, gold.dbId(), difficulty, gold.sql(), pred, "database missing: " + file,
                    false, null, null, "", false);
        }
        SqliteConnector db = new SqliteConnector(file);
        ExecutionOutcome predicted = pool.execute(executor, db, pred);
        ExecutionOutcome expected = pool.execute(executor, db, gold.sql());
        String detail = "";
        boolean correct = false;
        if (!predicted.isOk()) {
            detail = "prediction " + predicted.status() + ": " + predicted.message();
        } else if (!expected.isOk()) {
            detail = "gold " + expected.status() + ": " + expected.message();
        } else if (rowSet(predicted).equals(rowSet(expected))) {
            correct = true;
        } else {
            detail = "different result set (" + predicted.result().rows().size() + " rows vs gold "
                    + expected.result().rows().size() + ")";
        }
        Double ratio = null;
        Double reward = null;
        if (options.vesIterations() > 0) {
            ratio = correct ? timeRatio(db, pred, gold.sql(), executor, pool) : 0.0;
            reward = VesReward.reward(ratio);
        }
        return new BirdQuestion(index, gold.dbId(), difficulty, gold.sql(), pred, null, correct, ratio, reward, detail,
                predicted.isOk());
    }

    /** gold time / predicted time per repetition, outliers dropped; 0 if any run fails. */
    private double timeRatio(SqliteConnector db, String pred, String gold, SafeExecutor executor, ConnectionPool pool) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < options.vesIterations(); i++) {
            ExecutionOutcome p = pool.execute(executor, db, pred);
            ExecutionOutcome g = pool.execute(executor, db, gold);
            if (!p.isOk() || !g.isOk() || p.elapsedNanos() == 0) {
                return 0;
            }
            ratios.add((double) g.elapsedNanos() / p.elapsedNanos());
        }
        return VesReward.timeRatio(ratios);
    }

    private static Set<List<PyValue>> rowSet(ExecutionOutcome outcome) {
        Set<List<PyValue>> rows = new HashSet<>();
        for (List<Object> row : outcome.result().rows()) {
            rows.add(row.stream().map(PyValue::of).toList());
        }
        return rows;
    }

    /** The official print_data layout: counts, then each metric with two decimals. */
    public static void print(Run run, PrintStream out) {
        out.println(String.format(Locale.ROOT, "%-20s %-20s %-20s %-20s %-20s", "", "simple", "moderate", "challenging", "total"));
        out.println(String.format(Locale.ROOT, "%-20s %-20d %-20d %-20d %-20d", "count",
                run.counts().get("simple"), run.counts().get("moderate"), run.counts().get("challenging"), run.counts().get("total")));
        printMetric(out, "EX", run.ex());
        if (!run.ves().isEmpty()) {
            printMetric(out, "R-VES", run.ves());
        }
    }

    private static void printMetric(PrintStream out, String metric, Map<String, Double> values) {
        out.println("======================================    " + metric + "    =====================================");
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-20s", metric));
        for (String level : LEVELS) {
            line.append(' ').append(String.format("%-20s", twoDecimals(values.get(level))));
        }
        out.println(line);
    }

    static String twoDecimals(double value) {
        return new java.math.BigDecimal(value).setScale(2, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }
}
