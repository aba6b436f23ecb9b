package dev.vantage.evaluation.spider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores per hardness level and over all, averaged the official way: exact and execution over all
 * questions of the level; a component's accuracy over questions whose prediction has that component,
 * its recall over those whose gold has it, and its F1 from the two averages (1 when both are 0).
 */
public final class SpiderScores {
    public static final List<String> LEVELS = List.of("easy", "medium", "hard", "extra", "all");

    /** Final numbers of one level. */
    /**
     * @param count     questions scored (exact match over all of them)
     * @param execCount questions executed: {@code count} less those whose database file is missing
     */
    public record Level(int count, int execCount, double exact, double exec, Map<String, Component> partial) {}

    public record Component(double acc, double rec, double f1) {}

    private static final class Sums {
        int count;
        double exact;
        int exec;
        int execCount;
        final Map<String, double[]> partial = new LinkedHashMap<>(); // acc, rec, f1, acc_count, rec_count

        Sums() {
            for (String component : ExactMatch.COMPONENTS) {
                partial.put(component, new double[5]);
            }
        }
    }

    private SpiderScores() {
    }

    public static Map<String, Level> compute(List<QuestionResult> results, EvalType etype) {
        Map<String, Sums> sums = new LinkedHashMap<>();
        LEVELS.forEach(level -> sums.put(level, new Sums()));
        for (QuestionResult r : results) {
            if (r.isSkipped()) {
                continue;
            }
            for (Sums s : List.of(sums.get(r.hardness().label()), sums.get("all"))) {
                s.count++;
                if (etype.exec() && r.exec() != null) {
                    s.execCount++;
                    s.exec += r.exec() ? 1 : 0;
                }
                if (etype.match()) {
                    s.exact += Boolean.TRUE.equals(r.exact()) ? 1 : 0;
                    r.partial().forEach((component, score) -> {
                        double[] p = s.partial.get(component);
                        if (score.predTotal() > 0) {
                            p[0] += score.acc();
                            p[3]++;
                        }
                        if (score.labelTotal() > 0) {
                            p[1] += score.rec();
                            p[4]++;
                        }
                        p[2] += score.f1();
                    });
                }
            }
        }
        Map<String, Level> levels = new LinkedHashMap<>();
        sums.forEach((name, s) -> levels.put(name, finish(s, etype)));
        return levels;
    }

    private static Level finish(Sums s, EvalType etype) {
        Map<String, Component> partial = new LinkedHashMap<>();
        if (s.count == 0) {
            s.partial.forEach((c, p) -> partial.put(c, new Component(p[0], p[1], p[2])));
            return new Level(0, 0, s.exact, s.exec, partial);
        }
        double exec = etype.exec() && s.execCount > 0 ? (double) s.exec / s.execCount : s.exec;
        double exact = etype.match() ? s.exact / s.count : s.exact;
        s.partial.forEach((c, p) -> {
            if (!etype.match()) {
                partial.put(c, new Component(p[0], p[1], p[2]));
                return;
            }
            double acc = p[3] == 0 ? 0 : p[0] / p[3] * 1.0;
            double rec = p[4] == 0 ? 0 : p[1] / p[4] * 1.0;
            double f1 = acc == 0 && rec == 0 ? 1 : 2.0 * acc * rec / (rec + acc);
            partial.put(c, new Component(acc, rec, f1));
        });
        return new Level(s.count, s.execCount, exact, exec, partial);
    }
}
