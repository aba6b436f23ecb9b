package dev.vantage.evaluation.report;

import java.util.List;
import java.util.Map;

/**
 * What every benchmark's evaluation reports, in one shape for JSON and HTML.
 *
 * @param headline      the main numbers, e.g. "exact match" and "execution" over all questions
 * @param levels        per difficulty level (Spider hardness, BIRD difficulty): metric name to value, plus "count"
 * @param components    Spider partial matching over all questions: component to acc/rec/f1
 * @param databases     per database: count and each headline metric
 * @param failures      questions that failed a metric, with the reason
 * @param skipped       questions not evaluated, grouped by reason
 * @param questions     one entry per question with every measured field
 */
public record EvaluationReport(String benchmark, Map<String, String> inputs, double seconds,
                               Map<String, Double> headline, Map<String, Map<String, Double>> levels,
                               Map<String, Map<String, Double>> components, List<DatabaseScore> databases,
                               List<Failure> failures, List<String> skipped, List<Map<String, Object>> questions) {

    public record DatabaseScore(String dbId, int count, Map<String, Double> metrics) {}

    public record Failure(int index, String dbId, String level, String gold, String pred, String metric, String reason) {}
}
