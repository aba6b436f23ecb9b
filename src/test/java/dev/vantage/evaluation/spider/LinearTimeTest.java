package dev.vantage.evaluation.spider;

import dev.vantage.evaluation.execution.ReadOnlyQueryGuard;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The text stages a prediction goes through stay bounded: the guard and the official rewrites are
 * linear (quarter-megabyte lines built to make a backtracking regex, a repeated search or a list rebuilt
 * per token quadratic take under a second each (the quadratic versions took tens of seconds), on a loaded machine), and the Spider tokenizer
 * and grammar, linear too but slower, stop at their parse budget.
 */
class LinearTimeTest {
    private static final int SIZE = 1 << 18;

    static Map<String, String> hostileLines() {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("single quotes", "'".repeat(SIZE + 1));
        lines.put("double quotes", "\"".repeat(SIZE + 1));
        lines.put("backticks", "`".repeat(SIZE + 1));
        lines.put("quote pairs", "SELECT " + "'a',".repeat(SIZE / 4) + "1");
        lines.put("open brackets", "SELECT " + "[".repeat(SIZE));
        lines.put("open comments", "SELECT " + "/*".repeat(SIZE / 2));
        lines.put("period then spaces", "SELECT x." + " ".repeat(SIZE) + "\t)");
        lines.put("not-equals", "SELECT * FROM t WHERE " + "a ! = b AND ".repeat(SIZE / 12) + "1");
        lines.put("plus chain", "SELECT " + "1+".repeat(SIZE / 2) + "1");
        lines.put("and chain", "SELECT * FROM t WHERE " + "a = 1 AND ".repeat(SIZE / 10) + "1");
        lines.put("parentheses", "SELECT " + "(".repeat(SIZE / 2) + "1" + ")".repeat(SIZE / 2) + " FROM");
        lines.put("distinct", "SELECT " + "DISTINCT ".repeat(SIZE / 9));
        lines.put("semicolons", "SELECT 1" + ";".repeat(SIZE));
        lines.put("dashes", "SELECT " + "-".repeat(SIZE));
        return lines;
    }

    @Test
    void everyTextStageIsLinear() {
        SpiderSchema schema = new SpiderSchema(Map.of("t", List.of("a", "b")));
        List<String> slow = new ArrayList<>();
        for (Map.Entry<String, String> e : hostileLines().entrySet()) {
            String line = e.getValue();
            long start = System.nanoTime();
            try {
                new ReadOnlyQueryGuard().check(line);
            } catch (Exception ignored) {
                // refusing is fine; only the time matters here
            }
            OfficialRewrites.removeDistinct(OfficialRewrites.closeOperators(OfficialRewrites.plugValuePlaceholder(line)));
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (millis > 1_000) {
                slow.add(e.getKey() + " (guard and rewrites): " + millis + " ms");
            }
            start = System.nanoTime();
            try {
                SpiderSqlParser.parse(schema, line, System.nanoTime() + 100_000_000L);
            } catch (SpiderParseException | StackOverflowError ignored) {
                // the evaluator turns both into an unparsed prediction
            }
            millis = (System.nanoTime() - start) / 1_000_000;
            if (millis > 1_500) {
                slow.add(e.getKey() + " (parse with a 100 ms budget): " + millis + " ms");
            }
        }
        assertEquals(List.of(), slow);
    }

    @Test
    void finalPeriodRuleMatchesTheRegex() {
        java.util.regex.Pattern rule = java.util.regex.Pattern.compile("([^.])(\\.)([\\])}>\"'»”’ ]*)\\s*$",
                java.util.regex.Pattern.UNICODE_CHARACTER_CLASS);
        String[] texts = {"a.", "a. ", "a.)", "a.) \n", "a..", ".", "x. ) \t", "x.\t)", "ab.'» ", "a.b", "", "a . ",
                "a.)\t)", "a.  \n"};
        for (String text : texts) {
            assertEquals(rule.matcher(text).replaceAll("$1 $2 $3 "),
                    SpiderTokenizer.finalPeriod(text, "])}>\"'»”’ ", " . ", " "), "'" + text + "'");
        }
        assertTrue(true);
    }
}
