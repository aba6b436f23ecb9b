package dev.vantage.evaluation.wikisql;

import dev.vantage.evaluation.report.EvaluationReport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A WikiSQL run in the common report shape. */
public final class WikiSqlReport {
    private WikiSqlReport() {
    }

    public static EvaluationReport build(WikiSqlEvaluator.Run run, Map<String, String> inputs) {
        Map<String, Double> headline = new LinkedHashMap<>();
        headline.put("logical form", run.lfAccuracy());
        headline.put("execution", run.exAccuracy());
        List<EvaluationReport.Failure> failures = new ArrayList<>();
        List<Map<String, Object>> questions = new ArrayList<>();
        for (WikiSqlEvaluator.Question q : run.questions()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", q.index());
            m.put("table_id", q.tableId());
            m.put("gold", String.valueOf(q.gold()));
            m.put("pred", q.pred() == null ? null : String.valueOf(q.pred()));
            m.put("lf", q.logicalForm() ? 1 : 0);
            m.put("ex", q.execution() ? 1 : 0);
            m.put("detail", q.detail());
            questions.add(m);
            if (!q.execution() || !q.logicalForm()) {
                failures.add(new EvaluationReport.Failure(q.index(), q.tableId(), "", String.valueOf(q.gold()),
                        String.valueOf(q.pred()), q.execution() ? "logical form" : "execution", q.detail()));
            }
        }
        return new EvaluationReport("WikiSQL", inputs, run.wallNanos() / 1e9, headline, Map.of(), Map.of(), List.of(),
                failures, List.of(), questions);
    }
}
