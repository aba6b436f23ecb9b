package dev.vantage.evaluation.wikisql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vantage.data.dataset.WikiSqlQuery;
import dev.vantage.evaluation.execution.BoundedParallel;
import dev.vantage.evaluation.execution.ConnectionPool;
import dev.vantage.evaluation.execution.ExecutionLimits;
import dev.vantage.evaluation.execution.SafeExecutor;
import dev.vantage.evaluation.execution.SqliteConnector;
import dev.vantage.evaluation.spider.PyValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * WikiSQL's logical-form accuracy and execution accuracy (evaluate.py): gold lines carry
 * {@code table_id} and {@code sql}; prediction lines carry {@code query} and an optional {@code error}
 * (a prediction with an error is wrong on both counts).
 */
public final class WikiSqlEvaluator {

    public record Question(int index, String tableId, WikiSqlQuery gold, WikiSqlQuery pred, String predError,
                           boolean logicalForm, boolean execution, String detail) {}

    public record Run(List<Question> questions, double lfAccuracy, double exAccuracy, long wallNanos) {}

    private record Line(String tableId, WikiSqlQuery query, String error) {}

    private WikiSqlEvaluator() {
    }

    public static Run evaluate(Path goldJsonl, Path predJsonl, Path dbFile, boolean ordered, int threads,
                               ExecutionLimits limits, boolean progress) throws IOException {
        List<Line> gold = read(goldJsonl, true);
        List<Line> pred = read(predJsonl, false);
        if (gold.size() != pred.size()) {
            throw new IllegalArgumentException(predJsonl + " has " + pred.size() + " lines but " + goldJsonl
                    + " has " + gold.size() + "; they must align line by line");
        }
        if (!Files.isRegularFile(dbFile)) {
            throw new IllegalArgumentException("WikiSQL database not found: " + dbFile);
        }
        long start = System.nanoTime();
        List<Question> questions;
        try (SafeExecutor executor = new SafeExecutor(limits); ConnectionPool pool = new ConnectionPool()) {
            WikiSqlEngine engine = new WikiSqlEngine(new SqliteConnector(dbFile), executor, pool);
            questions = BoundedParallel.map(IntStream.range(0, gold.size()).boxed().toList(), threads,
                    progress ? "wikisql eval" : null, i -> one(i, gold.get(i), pred.get(i), engine, ordered));
        }
        double lf = questions.stream().filter(Question::logicalForm).count() / (double) Math.max(1, questions.size());
        double ex = questions.stream().filter(Question::execution).count() / (double) Math.max(1, questions.size());
        return new Run(questions, lf, ex, System.nanoTime() - start);
    }

    private static Question one(int index, Line gold, Line pred, WikiSqlEngine engine, boolean ordered) {
        Object goldResult = engine.execute(gold.tableId(), gold.query());
        if (goldResult instanceof String error) {
            return new Question(index, gold.tableId(), gold.query(), pred.query(), pred.error(), false, false,
                    "gold query failed: " + error);
        }
        if (pred.error() != null && !pred.error().isEmpty() || pred.query() == null) {
            return new Question(index, gold.tableId(), gold.query(), pred.query(), pred.error(), false, false,
                    "prediction has error: " + pred.error());
        }
        boolean lf = sameLogicalForm(pred.query(), gold.query(), ordered);
        Object predResult = engine.execute(gold.tableId(), pred.query());
        boolean ex = goldResult.equals(predResult);
        String detail = predResult instanceof String error ? "prediction failed: " + error : ex ? "" : "different result";
        return new Question(index, gold.tableId(), gold.query(), pred.query(), pred.error(), lf, ex, detail);
    }

    private static List<Line> read(Path file, boolean isGold) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String where = file + ":" + (i + 1);
            JsonNode node;
            try {
                node = json.readTree(lines.get(i));
            } catch (IOException e) {
                throw new IllegalArgumentException(where + ": not valid JSON: " + e.getMessage());
            }
            if (isGold) {
                if (!node.has("table_id")) {
                    throw new IllegalArgumentException(where + ": missing field 'table_id'");
                }
                out.add(new Line(node.get("table_id").asText(), WikiSqlQuery.fromJson(node.get("sql"), where + " field 'sql'"), null));
            } else {
                String error = node.hasNonNull("error") ? node.get("error").asText() : null;
                WikiSqlQuery query = error != null && !error.isEmpty() ? null
                        : WikiSqlQuery.fromJson(node.get("query"), where + " field 'query'");
                out.add(new Line(null, query, error));
            }
        }
        return out;
    }

    /**
     * As lib/query.Query compares forms: same column and aggregate, and the same conditions with values
     * compared as Python's str(value).lower(), as a set (or in order with --ordered).
     */
    static boolean sameLogicalForm(WikiSqlQuery a, WikiSqlQuery b, boolean ordered) {
        if (a.sel() != b.sel() || a.agg() != b.agg()) return false;
        List<List<Object>> x = comparable(a), y = comparable(b);
        return ordered ? x.equals(y) : new HashSet<>(x).equals(new HashSet<>(y));
    }

    private static List<List<Object>> comparable(WikiSqlQuery q) {
        return q.conds().stream().map(c -> {
            String text = c.value() instanceof Double d ? PyValue.of(d).toString() : String.valueOf(c.value());
            return List.<Object>of(c.column(), c.op(), text.toLowerCase(Locale.ROOT));
        }).toList();
    }
}
