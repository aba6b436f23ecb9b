package dev.vantage.evaluation.spider;

import dev.vantage.evaluation.report.EvaluationReport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Turns a Spider run into the common report shape (per hardness, per component, per database, failures). */
public final class SpiderReport {
    private SpiderReport() {
    }

    public static EvaluationReport build(SpiderEvaluator.Run run, EvalType etype, Map<String, String> inputs) {
        Map<String, SpiderScores.Level> scores = run.scores();
        Map<String, Double> headline = new LinkedHashMap<>();
        if (etype.match()) {
            headline.put("exact match", scores.get("all").exact());
        }
        if (etype.exec()) {
            headline.put("execution", scores.get("all").exec());
            headline.put("valid SQL", run.validSqlRate());
        }
        Map<String, Map<String, Double>> levels = new LinkedHashMap<>();
        scores.forEach((name, level) -> {
            Map<String, Double> values = new LinkedHashMap<>();
            values.put("count", (double) level.count());
            if (etype.match()) {
                values.put("exact match", level.exact());
            }
            if (etype.exec()) {
                values.put("execution", level.exec());
                values.put("valid SQL", validRate(run.questions(), name));
            }
            levels.put(name, values);
        });
        Map<String, Map<String, Double>> components = new LinkedHashMap<>();
        if (etype.match()) {
            scores.get("all").partial().forEach((c, s) -> components.put(c, Map.of("acc", s.acc(), "rec", s.rec(), "f1", s.f1())));
        }
        return new EvaluationReport("Spider", inputs, run.wallNanos() / 1e9, headline, levels, components,
                databases(run.questions(), etype), failures(run.questions()), SpiderEvaluator.skipSummary(run.questions()),
                run.questions().stream().map(SpiderReport::question).toList());
    }

    private static double validRate(List<QuestionResult> questions, String level) {
        List<QuestionResult> in = questions.stream().filter(q -> q.validSql() != null)
                .filter(q -> level.equals("all") || q.hardness().label().equals(level)).toList();
        return in.isEmpty() ? 0 : in.stream().filter(QuestionResult::validSql).count() / (double) in.size();
    }

    private static List<EvaluationReport.DatabaseScore> databases(List<QuestionResult> questions, EvalType etype) {
        Map<String, int[]> byDb = new TreeMap<>(); // count, exact, exec
        for (QuestionResult q : questions) {
            if (q.isSkipped()) {
                continue;
            }
            int[] c = byDb.computeIfAbsent(q.dbId(), k -> new int[3]);
            c[0]++;
            c[1] += Boolean.TRUE.equals(q.exact()) ? 1 : 0;
            c[2] += Boolean.TRUE.equals(q.exec()) ? 1 : 0;
        }
        List<EvaluationReport.DatabaseScore> out = new ArrayList<>();
        byDb.forEach((db, c) -> {
            Map<String, Double> metrics = new LinkedHashMap<>();
            if (etype.match()) {
                metrics.put("exact match", (double) c[1] / c[0]);
            }
            if (etype.exec()) {
                metrics.put("execution", (double) c[2] / c[0]);
            }
            out.add(new EvaluationReport.DatabaseScore(db, c[0], metrics));
        });
        return out;
    }

    private static List<EvaluationReport.Failure> failures(List<QuestionResult> questions) {
        List<EvaluationReport.Failure> out = new ArrayList<>();
        for (QuestionResult q : questions) {
            if (q.isSkipped()) {
                continue;
            }
            if (Boolean.FALSE.equals(q.exec())) {
                out.add(new EvaluationReport.Failure(q.index(), q.dbId(), q.hardness().label(), q.gold(), q.pred(),
                        "execution", q.execDetail()));
            }
            if (Boolean.FALSE.equals(q.exact())) {
                String why = Boolean.FALSE.equals(q.predParsed())
                        ? "not accepted by the Spider grammar: " + q.predParseError()
                        : "components differ: " + String.join(", ", q.partial().entrySet().stream()
                                .filter(e -> e.getValue().f1() != 1).map(Map.Entry::getKey).toList());
                out.add(new EvaluationReport.Failure(q.index(), q.dbId(), q.hardness().label(), q.gold(), q.pred(),
                        "exact match", why.endsWith(": ") ? "tables differ" : why));
            }
        }
        return out;
    }

    private static Map<String, Object> question(QuestionResult q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", q.index());
        m.put("db_id", q.dbId());
        m.put("gold", q.gold());
        m.put("pred", q.pred());
        if (q.isSkipped()) {
            m.put("skipped", q.skipReason());
            return m;
        }
        m.put("hardness", q.hardness().label());
        m.put("pred_parsed", q.predParsed());
        if (q.predParseError() != null) {
            m.put("pred_parse_error", q.predParseError());
        }
        if (q.exact() != null) {
            m.put("exact", q.exact() ? 1 : 0);
            Map<String, List<Integer>> partial = new LinkedHashMap<>();
            q.partial().forEach((c, s) -> partial.put(c, List.of(s.acc(), s.rec(), s.f1(), s.labelTotal(), s.predTotal())));
            m.put("partial", partial);
        }
        if (q.exec() != null) {
            m.put("exec", q.exec() ? 1 : 0);
            m.put("exec_detail", q.execDetail());
            m.put("valid_sql", q.validSql() ? 1 : 0);
        }
        return m;
    }
}
