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
}
