package dev.vantage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `vantage evaluate` end to end on the spider-mini fixture. */
class EvaluateCommandTest {

    private static Path mini() throws URISyntaxException {
        return Path.of(EvaluateCommandTest.class.getResource("/spider-mini").toURI());
    }

    @Test
    void printsOfficialTableAndWritesReports(@TempDir Path out) throws Exception {
        Path mini = mini();
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            code = VantageCli.commandLine().execute("evaluate",
                    "--gold", mini.resolve("dev_gold.sql").toString(),
                    "--pred", mini.resolve("fidelity/pred_mixed.sql").toString(),
                    "--tables", mini.resolve("tables.json").toString(),
                    "--db-dir", mini.resolve("database").toString(),
                    "--no-progress", "--out", out.toString());
        } finally {
            System.setOut(original);
        }
        assertEquals(0, code);
        String text = printed.toString(StandardCharsets.UTF_8);
        String officialTable = Files.readString(mini.resolve("fidelity/official_mixed.txt")).strip();
        assertTrue(text.strip().startsWith(officialTable), text);
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals(297, report.get("questions").size());
        assertEquals("Spider", report.get("benchmark").asText());
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<svg"), "inline SVG charts");
        assertFalse(html.contains("<script") || html.contains("<link") || html.contains(" src="), "nothing fetched");
    }

    @Test
    void badInputIsAClearErrorNotAStackTrace(@TempDir Path dir) throws Exception {
        Path gold = dir.resolve("gold.sql");
        Files.writeString(gold, "SELECT 1 without a db id\n");
        PrintStream original = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
            code = VantageCli.commandLine().execute("evaluate", "--gold", gold.toString(),
                    "--pred", gold.toString(), "--db-dir", dir.toString(), "--etype", "exec", "--no-progress");
        } finally {
            System.setErr(original);
        }
        assertEquals(2, code);
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("gold.sql:1"), printed.toString(StandardCharsets.UTF_8));
    }

    /** --config: the evaluation section sets the defaults (here etype exec: no --tables needed); a flag still wins. */
    @Test
    void configEvaluationSectionGivesDefaultsAndFlagsWin(@TempDir Path dir) throws Exception {
        Path mini = mini();
        Path gold = dir.resolve("gold.sql");
        Files.write(gold, Files.readAllLines(mini.resolve("dev_gold.sql")).subList(0, 3));
        Path yaml = dir.resolve("exec.yaml");
        Files.writeString(yaml, Files.readString(Path.of("configs", "tiny.yaml")).replace("etype: all", "etype: exec"));
        String[] common = {"evaluate", "--gold", gold.toString(), "--pred", gold.toString(),
                "--db-dir", mini.resolve("database").toString(), "--no-progress", "--config", yaml.toString()};
        PrintStream out = System.out, err = System.err;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            assertEquals(0, VantageCli.commandLine().execute(common));
            String[] withFlag = java.util.Arrays.copyOf(common, common.length + 2);
            withFlag[common.length] = "--etype";
            withFlag[common.length + 1] = "all";
            assertEquals(2, VantageCli.commandLine().execute(withFlag), "--etype all needs --tables");
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /** Each bad option: exit 2 and one line naming it, before anything is evaluated. */
    @Test
    void badOptionsAreOneLineNamingTheOption(@TempDir Path dir) throws Exception {
        Path gold = dir.resolve("gold.sql");
        Files.writeString(gold, "SELECT 1\tconcert_singer\n");
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        String[][] cases = {
                {"--timeout", "1e10", "--timeout must be"},
                {"--timeout", "NaN", "--timeout must be"},
                {"--timeout", "0", "--timeout must be"},
                {"--max-mb", "99999999999", "--max-mb must be"},
                {"--threads", "0", "--threads must be"},
                {"--db-dir", dir.resolve("nowhere").toString(), "--db-dir"},
                {"--out", file.toString(), "--out " + file + " is a file"},
                {"--out", file.resolve("sub").toString(), "cannot be created"},
        };
        for (String[] c : cases) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("evaluate", "--gold", gold.toString(),
                    "--pred", gold.toString(), "--etype", "exec", "--no-progress"));
            if (!c[0].equals("--db-dir")) {
                args.addAll(java.util.List.of("--db-dir", dir.toString()));
            }
            args.addAll(java.util.List.of(c[0], c[1]));
            java.io.StringWriter err = new java.io.StringWriter();
            picocli.CommandLine cli = VantageCli.commandLine();
            cli.setErr(new java.io.PrintWriter(err, true));
            for (picocli.CommandLine sub : cli.getSubcommands().values()) {
                sub.setErr(new java.io.PrintWriter(err, true));
            }
            int code = cli.execute(args.toArray(String[]::new));
            String message = err.toString().strip();
            assertEquals(2, code, String.join(" ", c) + ": " + message);
            assertTrue(message.startsWith("error: ") && message.contains(c[2]) && message.lines().count() == 1,
                    String.join(" ", c) + ": " + message);
        }
    }
}
