package dev.vantage.evaluation.bird;

import dev.vantage.evaluation.report.EvaluationReport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A BIRD run in the common report shape (scores as fractions, not percentages). */
public final class BirdReport {
    private BirdReport() {
    }

    public static EvaluationReport build(BirdEvaluator.Run run, Map<String, String> inputs) {
        Map<String, Double> headline = new LinkedHashMap<>();
        headline.put("EX", run.ex().get("total") / 100);
        if (!run.ves().isEmpty()) {
            headline.put("R-VES", run.ves().get("total") / 100);
        }
        List<BirdQuestion> evaluated = run.questions().stream().filter(q -> !q.isSkipped()).toList();
        headline.put("valid SQL", evaluated.isEmpty() ? 0
                : evaluated.stream().filter(BirdQuestion::validSql).count() / (double) evaluated.size());
        Map<String, Map<String, Double>> levels = new LinkedHashMap<>();
        for (String level : BirdEvaluator.LEVELS) {
            Map<String, Double> v = new LinkedHashMap<>();
            v.put("count", (double) run.counts().get(level));
            v.put("EX", run.ex().get(level) / 100);
            if (!run.ves().isEmpty()) {
                v.put("R-VES", run.ves().get(level) / 100);
            }
            levels.put(level, v);
        }
        Map<String, int[]> byDb = new TreeMap<>();
        List<EvaluationReport.Failure> failures = new ArrayList<>();
        Map<String, Long> skipped = new TreeMap<>();
        List<Map<String, Object>> questions = new ArrayList<>();
        for (BirdQuestion q : run.questions()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", q.index());
            m.put("db_id", q.dbId());
            m.put("difficulty", q.difficulty());
            m.put("gold", q.gold());
            m.put("pred", q.pred());
            questions.add(m);
            if (q.isSkipped()) {
                m.put("skipped", q.skipReason());
                skipped.merge(q.skipReason(), 1L, Long::sum);
                continue;
            }
            m.put("ex", q.correct() ? 1 : 0);
            m.put("valid_sql", q.validSql() ? 1 : 0);
            m.put("detail", q.detail());
            if (q.reward() != null) {
                m.put("time_ratio", q.timeRatio());
                m.put("reward", q.reward());
            }
            int[] c = byDb.computeIfAbsent(q.dbId(), k -> new int[2]);
            c[0]++;
            c[1] += q.correct() ? 1 : 0;
            if (!q.correct()) {
                failures.add(new EvaluationReport.Failure(q.index(), q.dbId(), q.difficulty(), q.gold(), q.pred(), "EX", q.detail()));
            }
        }
        List<EvaluationReport.DatabaseScore> databases = new ArrayList<>();
        byDb.forEach((db, c) -> databases.add(new EvaluationReport.DatabaseScore(db, c[0], Map.of("EX", (double) c[1] / c[0]))));
        List<String> skipLines = new ArrayList<>();
        skipped.forEach((reason, n) -> skipLines.add(n + " question(s): " + reason));
        return new EvaluationReport("BIRD", inputs, run.wallNanos() / 1e9, headline, levels, Map.of(), databases,
                failures, skipLines, questions);
    }
}
