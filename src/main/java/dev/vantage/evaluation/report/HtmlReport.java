package dev.vantage.evaluation.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A self-contained HTML page for an {@link EvaluationReport}: inline CSS and SVG, nothing fetched. */
final class HtmlReport {
    /** Enough failing examples to read through; the JSON has them all. */
    private static final int MAX_FAILURES_SHOWN = 300;
    /** Databases shown in the chart, worst first. */
    private static final int MAX_DATABASES_CHARTED = 60;

    private HtmlReport() {
    }

    static String render(EvaluationReport r) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(Html.escape(r.benchmark())).append(" evaluation</title><style>")
                .append("body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;font-size:13px;text-align:left;vertical-align:top}")
                .append("th{background:#f0f0f0}code{font-size:12px;white-space:pre-wrap}section{margin-bottom:28px}")
                .append("</style></head><body>");
        h.append("<h1>").append(Html.escape(r.benchmark())).append(" evaluation</h1>");
        h.append("<p>").append(String.format(Locale.ROOT, "%.2f s", r.seconds())).append("</p><table>");
        r.inputs().forEach((k, v) -> h.append("<tr><th>").append(Html.escape(k)).append("</th><td><code>")
                .append(Html.escape(v)).append("</code></td></tr>"));
        h.append("</table>");

        h.append("<section><h2>Headline</h2><table>");
        r.headline().forEach((k, v) -> h.append("<tr><th>").append(Html.escape(k)).append("</th><td>")
                .append(String.format(Locale.ROOT, "%.3f", v)).append("</td></tr>"));
        h.append("</table></section>");

        if (!r.levels().isEmpty()) {
            h.append("<section><h2>By level</h2>").append(levelTable(r.levels()));
            List<String> metrics = new ArrayList<>(r.headline().keySet());
            h.append(SvgBarChart.render("Accuracy by level", withoutCounts(r.levels()), metrics)).append("</section>");
        }
        if (!r.components().isEmpty()) {
            h.append("<section><h2>Partial matching (all questions)</h2>");
            h.append(SvgBarChart.render("Components: accuracy, recall, F1", r.components(), List.of("acc", "rec", "f1")));
            h.append("</section>");
        }
        if (!r.databases().isEmpty()) {
            h.append("<section><h2>By database</h2>");
            List<EvaluationReport.DatabaseScore> sorted = new ArrayList<>(r.databases());
            List<String> series = new ArrayList<>(sorted.getFirst().metrics().keySet());
            String key = series.getLast(); // execution-based when there is one
            sorted.sort((a, b) -> Double.compare(a.metrics().getOrDefault(key, 0.0), b.metrics().getOrDefault(key, 0.0)));
            Map<String, Map<String, Double>> rows = new LinkedHashMap<>();
            for (EvaluationReport.DatabaseScore d : sorted.subList(0, Math.min(MAX_DATABASES_CHARTED, sorted.size()))) {
                rows.put(d.dbId() + " (" + d.count() + ")", d.metrics());
            }
            h.append(SvgBarChart.render("Databases, weakest first" + (sorted.size() > MAX_DATABASES_CHARTED
                    ? " (" + MAX_DATABASES_CHARTED + " of " + sorted.size() + ")" : ""), rows, series));
            h.append("</section>");
        }
        if (!r.skipped().isEmpty()) {
            h.append("<section><h2>Skipped</h2><ul>");
            r.skipped().forEach(s -> h.append("<li>").append(Html.escape(s)).append("</li>"));
            h.append("</ul></section>");
        }
        h.append("<section><h2>Failing examples</h2><p>").append(r.failures().size()).append(" failures");
        if (r.failures().size() > MAX_FAILURES_SHOWN) {
            h.append(", first ").append(MAX_FAILURES_SHOWN).append(" shown (all are in report.json)");
        }
        h.append("</p><table><tr><th>#</th><th>db</th><th>level</th><th>metric</th><th>gold</th><th>prediction</th><th>why</th></tr>");
        for (EvaluationReport.Failure f : r.failures().subList(0, Math.min(MAX_FAILURES_SHOWN, r.failures().size()))) {
            h.append("<tr><td>").append(f.index()).append("</td><td>").append(Html.escape(f.dbId()))
                    .append("</td><td>").append(Html.escape(f.level())).append("</td><td>").append(Html.escape(f.metric()))
                    .append("</td><td><code>").append(Html.escape(f.gold())).append("</code></td><td><code>")
                    .append(Html.escape(f.pred())).append("</code></td><td>").append(Html.escape(f.reason())).append("</td></tr>");
        }
        h.append("</table></section></body></html>\n");
        return h.toString();
    }

    private static String levelTable(Map<String, Map<String, Double>> levels) {
        List<String> metrics = new ArrayList<>();
        levels.values().forEach(m -> m.keySet().forEach(k -> {
            if (!metrics.contains(k)) {
                metrics.add(k);
            }
        }));
        StringBuilder t = new StringBuilder("<table><tr><th></th>");
        levels.keySet().forEach(l -> t.append("<th>").append(Html.escape(l)).append("</th>"));
        t.append("</tr>");
        for (String metric : metrics) {
            t.append("<tr><th>").append(Html.escape(metric)).append("</th>");
            for (Map<String, Double> values : levels.values()) {
                Double v = values.get(metric);
                t.append("<td>").append(v == null ? "" : metric.equals("count")
                        ? String.valueOf(v.longValue()) : String.format(Locale.ROOT, "%.3f", v)).append("</td>");
            }
            t.append("</tr>");
        }
        return t.append("</table>").toString();
    }

    private static Map<String, Map<String, Double>> withoutCounts(Map<String, Map<String, Double>> levels) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        levels.forEach((level, values) -> {
            Map<String, Double> copy = new LinkedHashMap<>(values);
            copy.remove("count");
            out.put(level, copy);
        });
        return out;
    }
}
