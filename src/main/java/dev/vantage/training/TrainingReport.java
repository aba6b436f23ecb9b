package dev.vantage.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vantage.engine.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.html} from {@code metrics.jsonl}: self-contained SVG line plots of loss, learning
 * rate, throughput, expert usage, dropped tokens, every validation figure and dev accuracy (train
 * --dev-eval), over steps.
 */
public final class TrainingReport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"};

    private TrainingReport() {}

    public static void write(Path metrics, Path html) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String s : Files.readAllLines(metrics)) if (!s.isBlank()) lines.add(JSON.readTree(s));
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Vantage training</title>"
                + "<style>body{font-family:sans-serif;margin:24px;color:#222}svg{margin:8px 16px 8px 0}</style></head><body><h1>Training</h1>");
        h.append("<p>").append(lines.isEmpty() ? "no metrics yet" : lines.size() + " metric lines from " + metrics.getFileName()).append("</p>");
        h.append(chart("Loss (train)", lines, "loss", "ce_loss"));
        List<String> measured = validationKeys(lines);
        h.append(chart("Validation", lines, measured.stream().filter(k -> !k.startsWith("dev_")).toArray(String[]::new)));
        h.append(chart("Spider dev subset (execution accuracy, exact match, valid SQL)", lines,
                measured.stream().filter(k -> k.startsWith("dev_")).toArray(String[]::new)));
        h.append(chart("Learning rate", lines, "lr"));
        h.append(chart("Throughput (tokens/s)", lines, "tokens_per_s"));
        h.append(chart("Gradient norm (before clipping)", lines, "grad_norm"));
        h.append(chart("Dropped expert assignments (fraction)", lines, "dropped_fraction"));
        h.append(expertChart(lines));
        h.append("</body></html>");
        AtomicFiles.writeString(html, h.toString());
    }

    private static List<String> validationKeys(List<JsonNode> lines) {
        List<String> keys = new ArrayList<>();
        for (JsonNode l : lines) {
            if (l.has("loss")) continue;
            for (Iterator<String> it = l.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!k.equals("step") && l.get(k).isNumber() && !k.endsWith("_examples") && !keys.contains(k)) keys.add(k);
            }
        }
        return keys;
    }

    /** Per layer, the share of the busiest expert (1/E at perfect balance). */
    private static String expertChart(List<JsonNode> lines) {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (JsonNode l : lines) {
            JsonNode u = l.get("expert_share");
            if (u == null) continue;
            for (int layer = 0; layer < u.size(); layer++) {
                double max = 0;
                for (JsonNode e : u.get(layer)) max = Math.max(max, e.asDouble());
                series.computeIfAbsent("layer " + layer, k -> new ArrayList<>()).add(new double[]{l.get("step").asDouble(), max});
            }
        }
        return svg("Busiest expert's share of assignments, per layer", series);
    }

    private static String chart(String title, List<JsonNode> lines, String... keys) {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (String k : keys)
            for (JsonNode l : lines)
                if (l.has(k) && l.get(k).isNumber()) series.computeIfAbsent(k, x -> new ArrayList<>()).add(new double[]{l.get("step").asDouble(), l.get(k).asDouble()});
        return svg(title, series);
    }

    private static String svg(String title, Map<String, List<double[]>> series) {
        if (series.isEmpty()) return "";
        int w = 520, hgt = 260, left = 60, bottom = 30, top = 28;
        double x0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y0 = Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
        for (List<double[]> s : series.values())
            for (double[] p : s) {
                x0 = Math.min(x0, p[0]); x1 = Math.max(x1, p[0]);
                if (Double.isFinite(p[1])) { y0 = Math.min(y0, p[1]); y1 = Math.max(y1, p[1]); }
            }
        if (x1 == x0) x1 = x0 + 1;
        if (y1 == y0) { y1 = y0 + Math.max(1e-9, Math.abs(y0) * 0.1); }
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\" xmlns=\"http://www.w3.org/2000/svg\">", w, hgt));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" font-size=\"14\">%s</text>", left, title));
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#ccc\"/>", left, top, w - left - 10, hgt - top - bottom));
        s.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"%d\" font-size=\"10\">%.4g</text><text x=\"2\" y=\"%d\" font-size=\"10\">%.4g</text>", top + 10, y1, hgt - bottom, y0));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\">step %.0f</text><text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">%.0f</text>",
                left, hgt - 10, x0, w - 10, hgt - 10, x1));
        int c = 0;
        for (var e : series.entrySet()) {
            StringBuilder pts = new StringBuilder();
            for (double[] p : e.getValue()) {
                if (!Double.isFinite(p[1])) continue;
                double x = left + (p[0] - x0) / (x1 - x0) * (w - left - 10);
                double y = top + (1 - (p[1] - y0) / (y1 - y0)) * (hgt - top - bottom);
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            String color = COLORS[c % COLORS.length];
            s.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"1.5\" points=\"").append(pts).append("\"/>");
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\" fill=\"%s\">%s</text>", left + 6 + (c % 4) * 110, top + 12 + (c / 4) * 12, color, e.getKey()));
            c++;
        }
        return s.append("</svg>").toString();
    }
}
