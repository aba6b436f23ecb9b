package dev.vantage.evaluation.spider;

import dev.vantage.evaluation.execution.ConnectionPool;
import dev.vantage.evaluation.execution.ExecutionOutcome;
import dev.vantage.evaluation.execution.QueryResult;
import dev.vantage.evaluation.execution.SafeExecutor;
import dev.vantage.evaluation.execution.SqliteConnector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Execution accuracy with test-suite semantics (exec_eval.eval_exec_match): gold and prediction run on
 * every database file of the question's folder (one for Spider, several for a test suite); the
 * prediction passes only if its result is equivalent on all of them. Errors, timeouts and oversized
 * results fail it.
 */
public final class TestSuiteExecution {
    private final SafeExecutor executor;
    private final ConnectionPool pool;
    private final boolean keepDistinct;

    public TestSuiteExecution(SafeExecutor executor, ConnectionPool pool, boolean keepDistinct) {
        this.executor = executor;
        this.pool = pool;
        this.keepDistinct = keepDistinct;
    }

    /**
     * Verdict plus, when it failed, why; {@code predictionRan}: the prediction (after the official
     * rewrites) ran without error on the first database. Each query runs at most once per database.
     */
    public record Verdict(boolean correct, boolean goldFailed, String detail, boolean predictionRan) {}

    /** Every file of the folder whose name contains ".sqlite", as the official script collects them. */
    public static List<Path> databasesOf(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().contains(".sqlite"))
                    .sorted().toList();
        }
    }

    /**
     * @param prediction the prediction after {@link OfficialRewrites#plugValuePlaceholder}
     */
    public Verdict compare(List<Path> databases, String gold, String prediction) {
        String g = OfficialRewrites.closeOperators(gold);
        String p = OfficialRewrites.closeOperators(prediction);
        if (!keepDistinct) {
            g = OfficialRewrites.removeDistinct(g);
            p = OfficialRewrites.removeDistinct(p);
        }
        boolean orderMatters = g.toLowerCase(Locale.ROOT).contains("order by");
        g = OfficialRewrites.replaceCurrentYear(g);
        p = OfficialRewrites.replaceCurrentYear(p);
        boolean predictionRan = false;
        for (int i = 0; i < databases.size(); i++) {
            Path database = databases.get(i);
            SqliteConnector connector = new SqliteConnector(database);
            ExecutionOutcome goldOutcome = pool.execute(executor, connector, g);
            if (!goldOutcome.isOk()) {
                boolean ran = i == 0 ? pool.execute(executor, connector, p).isOk() : predictionRan;
                return new Verdict(false, true, "gold " + goldOutcome.status() + " on " + database.getFileName()
                        + ": " + goldOutcome.message(), ran);
            }
            ExecutionOutcome predOutcome = pool.execute(executor, connector, p);
            predictionRan |= i == 0 && predOutcome.isOk();
            if (!predOutcome.isOk()) {
                return new Verdict(false, false, "prediction " + predOutcome.status() + ": " + predOutcome.message(),
                        predictionRan);
            }
            if (!ResultEquivalence.equivalent(cells(goldOutcome.result()), cells(predOutcome.result()), orderMatters)) {
                return new Verdict(false, false, "different result on " + database.getFileName() + " ("
                        + predOutcome.result().rows().size() + " rows vs gold " + goldOutcome.result().rows().size() + ")",
                        predictionRan);
            }
        }
        return new Verdict(true, false, "", predictionRan);
    }

    /** Whether {@code sql}, exactly as written, is accepted by the guard and runs without error. */
    public boolean runsCleanly(Path database, String sql) {
        return pool.execute(executor, new SqliteConnector(database), sql).isOk();
    }

    static List<List<PyValue>> cells(QueryResult result) {
        List<List<PyValue>> rows = new ArrayList<>(result.rows().size());
        for (List<Object> row : result.rows()) {
            List<PyValue> converted = new ArrayList<>(row.size());
            for (Object value : row) {
                converted.add(PyValue.of(value));
            }
            rows.add(converted);
        }
        return rows;
    }
}
