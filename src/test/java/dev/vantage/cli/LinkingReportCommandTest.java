package dev.vantage.cli;

import dev.vantage.data.schema.SpiderFixtures;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

class LinkingReportCommandTest {
    private static String[] run(String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o));
        System.setErr(new PrintStream(e));
        try {
            int code = VantageCli.commandLine().execute(args);
            return new String[]{String.valueOf(code), o.toString(), e.toString()};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " in " + text);
        return Integer.parseInt(m.group(1));
    }

    @Test void pruningKeepsAtLeastWhatTruncationKeepsOnTheFixture() {
        // spider-mini: 297 dev questions on five databases; a small budget so that most schemas must shrink
        String[] r = run("linking-report", "--spider", SpiderFixtures.MINI.toString(), "--max-schema-tokens", "160");
        assertEquals("0", r[0], r[2]);
        String out = r[1];
        assertEquals(297, count(out, "questions (\\d+) \\(gold SQL not parsed: 0\\)"));
        int pruning = count(out, "pruning (\\d+)"), truncation = count(out, "truncating the same input (\\d+)");
        assertTrue(pruning > truncation, out);
        assertTrue(count(out, "schemas over budget: (\\d+)") > 100, out);
        assertTrue(out.contains("linker, tables:  precision"), out);
    }

    @Test void missingQuestionsFileIsOneLineError() {
        String[] r = run("linking-report", "--spider", SpiderFixtures.MINI.toString(), "--questions", "nope.json", "--max-schema-tokens", "100");
        assertEquals("2", r[0]);
        assertTrue(r[2].strip().startsWith("error: ") && r[2].strip().endsWith("nope.json: no such questions file"), r[2]);
    }
}
