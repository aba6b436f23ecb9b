package dev.vantage.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code vantage shell} with questions piped in (stdin is not a terminal here): the bundled model, greedy, loaded once. */
class ShellCommandTest {
    private static String[] shell(String input, String... args) {
        InputStream in = System.in;
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            String[] all = new String[args.length + 1];
            all[0] = "shell";
            System.arraycopy(args, 0, all, 1, args.length);
            int code = VantageCli.commandLine().execute(all);
            return new String[]{String.valueOf(code), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setIn(in);
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void answersPipedQuestionsAndRunsCommands() {
        String[] r = shell("""
                How many singers are there?

                .sql SELECT Name FROM stadium ORDER BY Capacity DESC LIMIT 2
                .sql DELETE FROM singer
                .schema
                .nope
                What are the names of all stadiums?
                .quit
                How many concerts are there?
                """, "--db", "examples/concert_singer.sqlite", "--beam", "1", "--rows", "3");
        assertEquals("0", r[0], r[2]);
        String out = r[1];
        // Two answers (nothing after .quit): each SQL line is followed by a result table (or the reason it did not run).
        long sql = out.lines().filter(l -> l.startsWith("SELECT")).count();
        assertEquals(2, sql, out);
        assertTrue(out.lines().anyMatch(l -> l.matches("\\(\\d+ rows?(, first 3 shown)?\\)") || l.startsWith("-- the query did not run")), out);
        assertTrue(out.contains("""
                Name
                -------------
                Hampden Park
                Somerset Park
                (2 rows)"""), out);
        assertTrue(out.contains("-- the query did not run: refused: only queries are allowed, found DELETE"), out);
        assertTrue(out.contains("singer(Singer_ID int pk, Name text, Country text,"), out);
        assertTrue(out.contains("concert.Stadium_ID -> stadium.Stadium_ID"), out);
        assertTrue(out.contains("-- unknown command .nope (.help lists the commands)"), out);
    }
}
