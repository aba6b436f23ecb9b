package dev.vantage.evaluation.spider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The evaluator on the committed spider-mini fixture (5 databases, 297 dev questions). */
class SpiderEvaluatorTest {
    private static final Path MINI = SpiderFixture.mini();
    /** The fixture's size: a shortened gold, prediction or official file fails instead of checking less. */
    private static final int QUESTIONS = 297;
    /** evaluation.py's partial-match components, every one reported for every question. */
    private static final java.util.Set<String> COMPONENTS = java.util.Set.of("select", "select(no AGG)", "where",
            "where(no OP)", "group(no Having)", "group", "order", "and/or", "IUEN", "keywords");

    private static SpiderEvaluator.Run run(List<GoldQuery> gold, List<String> preds) throws IOException {
        var keys = SpiderFiles.readForeignKeys(MINI.resolve("tables.json"));
        return new SpiderEvaluator(MINI.resolve("database"), keys, SpiderFixture.options(EvalType.ALL)).evaluate(gold, preds);
    }

    @Test
    void goldAgainstItselfScoresOneEverywhere() throws IOException {
        List<GoldQuery> gold = SpiderFiles.readGold(MINI.resolve("dev_gold.sql"));
        SpiderEvaluator.Run run = run(gold, gold.stream().map(GoldQuery::sql).toList());
        assertEquals(QUESTIONS, gold.size());
        assertEquals(QUESTIONS, run.questions().size());
        for (QuestionResult q : run.questions()) {
            assertTrue(q.exact() && q.exec(), "question " + q.index() + ": " + q.gold() + " / " + q.execDetail());
        }
        assertEquals(1.0, run.scores().get("all").exact());
        assertEquals(1.0, run.scores().get("all").exec());
        assertEquals(1.0, run.validSqlRate());
    }

    /**
     * Perturbed predictions scored by the official test-suite evaluation.py (reconstructed outside the
     * repository, see docs/EVALUATION.md); every per-question number must agree, and so must the table.
     */
    @Test
    void agreesWithOfficialScriptQuestionByQuestion() throws IOException {
        Path gold = MINI.resolve("dev_gold.sql");
        Path pred = MINI.resolve("fidelity/pred_mixed.sql");
        List<GoldQuery> goldQueries = SpiderFiles.readGold(gold);
        SpiderEvaluator.Run run = run(goldQueries, SpiderFiles.readPredictions(pred, goldQueries.size(), gold));

        ObjectMapper json = new ObjectMapper();
        List<String> expectedLines = Files.readAllLines(MINI.resolve("fidelity/official_mixed.jsonl"));
        assertEquals(QUESTIONS, goldQueries.size());
        assertEquals(QUESTIONS, expectedLines.size());
        assertEquals(QUESTIONS, run.questions().size());
        List<String> disagreements = new ArrayList<>();
        for (int i = 0; i < expectedLines.size(); i++) {
            JsonNode expected = json.readTree(expectedLines.get(i));
            QuestionResult actual = run.questions().get(i);
            if (!expected.get("hardness").asText().equals(actual.hardness().label())
                    || expected.get("exact").asInt() != (actual.exact() ? 1 : 0)
                    || expected.get("exec").asInt() != (actual.exec() ? 1 : 0)
                    || expected.get("pred_parsed").asBoolean() != actual.predParsed()) {
                disagreements.add(i + ": " + actual);
                continue;
            }
            java.util.Set<String> officialKeys = new java.util.HashSet<>();
            expected.get("partial").fieldNames().forEachRemaining(officialKeys::add);
            assertEquals(COMPONENTS, officialKeys, "official components of question " + i);
            assertEquals(COMPONENTS, actual.partial().keySet(), "our components of question " + i);
            for (Map.Entry<String, PartialScore> e : actual.partial().entrySet()) {
                JsonNode p = expected.get("partial").get(e.getKey());
                PartialScore s = e.getValue();
                if (p.get(0).asInt() != s.acc() || p.get(1).asInt() != s.rec() || p.get(2).asInt() != s.f1()
                        || p.get(3).asInt() != s.labelTotal() || p.get(4).asInt() != s.predTotal()) {
                    disagreements.add(i + " " + e.getKey() + ": official " + p + " vs " + s);
                }
            }
        }
        assertEquals(List.of(), disagreements);

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        SpiderTablePrinter.print(run.scores(), EvalType.ALL, new PrintStream(printed, true, StandardCharsets.UTF_8));
        List<String> officialTable = Files.readAllLines(MINI.resolve("fidelity/official_mixed.txt"));
        assertEquals(String.join("\n", officialTable).strip(), printed.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void missingDatabaseIsSkippedNotFatal(@TempDir Path dir) throws IOException {
        Path gold = dir.resolve("gold.sql");
        Files.writeString(gold, "SELECT count(*) FROM singer\tconcert_singer\nSELECT count(*) FROM players\twta_1\n");
        List<GoldQuery> goldQueries = SpiderFiles.readGold(gold);
        SpiderEvaluator.Run run = run(goldQueries, List.of("SELECT count(*) FROM singer", "SELECT 1"));
        assertEquals(1, run.skipped());
        assertTrue(run.questions().get(1).skipReason().contains("database missing"));
        assertEquals(1, run.scores().get("all").count());
        assertEquals(1.0, run.scores().get("all").exec());
    }

    /** Exact match needs only the schema: a question whose file is missing is matched from tables.json. */
    @Test
    void missingDatabaseStillCountsForExactMatch(@TempDir Path dir) throws IOException {
        Path gold = dir.resolve("gold.sql");
        Files.writeString(gold, "SELECT count(*) FROM singer\tconcert_singer\nSELECT count(*) FROM singer\tconcert_singer_copy\n");
        SpiderFiles.Tables tables = SpiderFiles.readTables(MINI.resolve("tables.json"));
        var keys = new java.util.HashMap<>(tables.foreignKeys());
        var schemas = new java.util.HashMap<>(tables.schemas());
        keys.put("concert_singer_copy", keys.get("concert_singer"));
        schemas.put("concert_singer_copy", schemas.get("concert_singer"));
        SpiderEvaluator.Run run = new SpiderEvaluator(MINI.resolve("database"), keys, schemas,
                SpiderFixture.options(EvalType.ALL)).evaluate(SpiderFiles.readGold(gold),
                List.of("SELECT count(*) FROM singer", "SELECT count(*) FROM singer"));
        assertEquals(0, run.skipped());
        assertEquals(2, run.scores().get("all").count());
        assertEquals(1, run.scores().get("all").execCount());
        assertEquals(1.0, run.scores().get("all").exact());
        assertEquals(1.0, run.scores().get("all").exec());
        assertEquals(null, run.questions().get(1).exec(), "no database: not executed");
    }

    /** Hostile lines score 0 (or as officially) with a reason; none of them ends the run. */
    @Test
    void hostileLinesScoreWithAReason(@TempDir Path dir) throws IOException {
        Path gold = dir.resolve("gold.sql");
        Path pred = dir.resolve("pred.sql");
        String q = "SELECT count(*) FROM singer";
        Files.writeString(gold, (q + "\tconcert_singer\n").repeat(6));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        bytes.writeBytes((q + "\n").getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[]{'S', 'E', 'L', (byte) 0xff, (byte) 0xfe, '\n'});
        bytes.writeBytes(("SELECT " + "(".repeat(20_000) + "1" + ")".repeat(20_000) + " FROM\n").getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(("SELECT " + "1+".repeat(7_000) + "1\n").getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(("SELECT * FROM singer WHERE " + "1 = 1 AND ".repeat(20_000) + "1\n").getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes((q + "; DROP TABLE singer; --\n").getBytes(StandardCharsets.UTF_8));
        Files.write(pred, bytes.toByteArray());
        List<GoldQuery> goldQueries = SpiderFiles.readGold(gold);
        SpiderFiles.Predictions predictions = SpiderFiles.readPredictionFile(pred, goldQueries.size(), gold);
        assertEquals(java.util.Set.of(1), predictions.unreadable().keySet());
        assertTrue(predictions.unreadable().get(1).startsWith(pred + ":2: not valid UTF-8"), predictions.unreadable().get(1));
        var keys = SpiderFiles.readForeignKeys(MINI.resolve("tables.json"));
        SpiderEvaluator.Run run = new SpiderEvaluator(MINI.resolve("database"), keys, SpiderFixture.options(EvalType.ALL))
                .evaluate(goldQueries, predictions.sql(), predictions.unreadable());
        List<QuestionResult> r = run.questions();
        assertEquals(0, run.skipped());
        assertEquals(true, r.get(0).exec());
        for (int i = 1; i <= 4; i++) {
            assertEquals(false, r.get(i).exact(), "line " + (i + 1));
            assertEquals(false, r.get(i).exec(), "line " + (i + 1));
            assertFalse(r.get(i).execDetail().isBlank(), "line " + (i + 1) + " needs a reason");
        }
        QuestionResult multi = r.get(5);
        assertEquals(true, multi.exec(), "the official script runs the first statement only");
        assertEquals(false, multi.validSql());
        assertTrue(multi.execDetail().contains("2 statements"), multi.execDetail());
    }

    /** Test-suite semantics: a prediction must match on every database of the folder, not just the original. */
    @Test
    void predictionMustMatchOnEveryTestSuiteDatabase(@TempDir Path dir) throws IOException, java.sql.SQLException {
        Path folder = Files.createDirectories(dir.resolve("concert_singer"));
        Files.copy(MINI.resolve("database/concert_singer/concert_singer.sqlite"), folder.resolve("concert_singer.sqlite"));
        List<GoldQuery> gold = List.of(new GoldQuery(1, "SELECT count(*) FROM singer WHERE age > 30", "concert_singer"));
        List<String> lucky = List.of("SELECT count(*) FROM singer WHERE age >= 30"); // no singer is exactly 30 here
        var keys = SpiderFiles.readForeignKeys(MINI.resolve("tables.json"));
        SpiderEvaluator evaluator = new SpiderEvaluator(dir, keys, SpiderFixture.options(EvalType.EXEC));
        assertEquals(true, evaluator.evaluate(gold, lucky).questions().getFirst().exec());

        Path variant = folder.resolve("concert_singer_variant.sqlite");
        Files.copy(folder.resolve("concert_singer.sqlite"), variant);
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + variant); var s = c.createStatement()) {
            s.execute("INSERT INTO singer (Singer_ID, Name, Age) VALUES (7, 'Thirty', 30)");
        }
        QuestionResult q = new SpiderEvaluator(dir, keys, SpiderFixture.options(EvalType.EXEC)).evaluate(gold, lucky)
                .questions().getFirst();
        assertEquals(false, q.exec());
        assertTrue(q.execDetail().contains("concert_singer_variant.sqlite"), q.execDetail());
    }

    @Test
    void unparseablePredictionScoresAsEmptyQuery() throws IOException {
        List<GoldQuery> gold = List.of(new GoldQuery(1, "SELECT count(*) FROM singer", "concert_singer"));
        QuestionResult q = run(gold, List.of("SELECT count(*) AS n FROM singer ORDER BY n")).questions().getFirst();
        assertEquals(false, q.predParsed(), "an ORDER BY on a column alias is outside the official grammar");
        assertEquals(false, q.exact());
        assertEquals(true, q.exec());
        assertEquals(true, q.validSql());
    }

    @Test
    void badInputNamesFileAndLine(@TempDir Path dir) throws IOException {
        Path gold = dir.resolve("gold.sql");
        Files.writeString(gold, "SELECT 1\tconcert_singer\nSELECT 2 without a tab\n");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SpiderFiles.readGold(gold));
        assertTrue(e.getMessage().contains("gold.sql:2"), e.getMessage());
        Path pred = dir.resolve("pred.sql");
        Files.writeString(pred, "SELECT 1\n");
        Files.writeString(gold, "SELECT 1\tconcert_singer\nSELECT 2\tconcert_singer\n");
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SpiderFiles.readPredictions(pred, 2, gold));
        assertTrue(e.getMessage().contains("has 1 predictions"), e.getMessage());
    }
}
