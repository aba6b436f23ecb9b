package dev.vantage.evaluation.spider;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Prints scores in the official script's table layout (print_scores for single-turn Spider). */
public final class SpiderTablePrinter {
    private SpiderTablePrinter() {
    }

    public static void print(Map<String, SpiderScores.Level> levels, EvalType etype, PrintStream out) {
        List<String> names = SpiderScores.LEVELS;
        row(out, "", names.stream().map(n -> pad(n)).toList());
        row(out, "count", names.stream().map(n -> pad(String.valueOf(levels.get(n).count()))).toList());
        if (etype.exec()) {
            out.println("=====================   EXECUTION ACCURACY     =====================");
            row(out, "execution", numbers(levels, SpiderScores.Level::exec));
        }
        if (etype.match()) {
            out.println("\n====================== EXACT MATCHING ACCURACY =====================");
            row(out, "exact match", numbers(levels, SpiderScores.Level::exact));
            out.println("\n---------------------PARTIAL MATCHING ACCURACY----------------------");
            for (String c : ExactMatch.COMPONENTS) {
                row(out, c, numbers(levels, l -> l.partial().get(c).acc()));
            }
            out.println("---------------------- PARTIAL MATCHING RECALL ----------------------");
            for (String c : ExactMatch.COMPONENTS) {
                row(out, c, numbers(levels, l -> l.partial().get(c).rec()));
            }
            out.println("---------------------- PARTIAL MATCHING F1 --------------------------");
            for (String c : ExactMatch.COMPONENTS) {
                row(out, c, numbers(levels, l -> l.partial().get(c).f1()));
            }
        }
    }

    private static List<String> numbers(Map<String, SpiderScores.Level> levels, Function<SpiderScores.Level, Double> f) {
        List<String> cells = new ArrayList<>();
        for (String n : SpiderScores.LEVELS) {
            cells.add(pad(format3(f.apply(levels.get(n)))));
        }
        return cells;
    }

    /** Python's '{:.3f}': the exact binary value rounded half-even, which Java's %.3f does not always match. */
    static String format3(double value) {
        return new BigDecimal(value).setScale(3, RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String pad(String s) {
        return s.length() >= 20 ? s : s + " ".repeat(20 - s.length());
    }

    private static void row(PrintStream out, String name, List<String> cells) {
        out.println(pad(name) + " " + String.join(" ", cells));
    }
}
