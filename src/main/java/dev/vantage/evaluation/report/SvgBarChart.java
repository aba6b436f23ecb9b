package dev.vantage.evaluation.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Grouped horizontal bar charts of scores in [0, 1], as inline SVG (no scripts, no external files). */
final class SvgBarChart {
    private static final String[] COLORS = {"#3566a8", "#e0892b", "#4c9a52", "#b8434f"};
    private static final int LABEL_WIDTH = 190;
    private static final int BAR_WIDTH = 420;
    private static final int BAR_HEIGHT = 14;

    private SvgBarChart() {
    }

    /**
     * @param rows   row label to series values (same series names in every row, in order)
     * @param series names of the bars in each group, for the legend
     */
    static String render(String title, Map<String, Map<String, Double>> rows, List<String> series) {
        int groupHeight = series.size() * (BAR_HEIGHT + 2) + 10;
        int height = 40 + rows.size() * groupHeight + 20;
        int width = LABEL_WIDTH + BAR_WIDTH + 70;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">",
                width, height, Html.escape(title)));
        svg.append(String.format(Locale.ROOT, "<text x=\"0\" y=\"16\" font-weight=\"bold\">%s</text>", Html.escape(title)));
        int legendX = LABEL_WIDTH;
        for (int s = 0; s < series.size(); s++) {
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%d\" y=\"24\" width=\"10\" height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"33\" font-size=\"11\">%s</text>",
                    legendX, COLORS[s % COLORS.length], legendX + 14, Html.escape(series.get(s))));
            legendX += 20 + 7 * series.get(s).length();
        }
        int y = 44;
        for (Map.Entry<String, Map<String, Double>> row : rows.entrySet()) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"end\">%s</text>",
                    LABEL_WIDTH - 8, y + groupHeight / 2, Html.escape(row.getKey())));
            int barY = y;
            for (int s = 0; s < series.size(); s++) {
                Double value = row.getValue().get(series.get(s));
                double v = value == null || value.isNaN() ? 0 : Math.max(0, Math.min(1, value));
                svg.append(String.format(Locale.ROOT,
                        "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>"
                                + "<text x=\"%.1f\" y=\"%d\" font-size=\"10\">%s</text>",
                        LABEL_WIDTH, barY, v * BAR_WIDTH, BAR_HEIGHT, COLORS[s % COLORS.length],
                        LABEL_WIDTH + v * BAR_WIDTH + 4, barY + BAR_HEIGHT - 3,
                        value == null ? "n/a" : String.format(Locale.ROOT, "%.3f", value)));
                barY += BAR_HEIGHT + 2;
            }
            y += groupHeight;
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"40\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>",
                LABEL_WIDTH, LABEL_WIDTH, y));
        return svg.append("</svg>").toString();
    }
}
