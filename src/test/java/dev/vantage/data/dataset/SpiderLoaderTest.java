package dev.vantage.data.dataset;

import dev.vantage.data.Example;
import dev.vantage.data.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SpiderLoaderTest {
    @Test void loadsSpiderMiniDev() {
        SpiderLoader spider = new SpiderLoader(TestData.resource("spider-mini"));
        assertEquals(List.of("dev"), spider.splits());
        LoadedSplit dev = spider.load("dev");
        assertEquals(297, dev.examples().size());
        assertEquals(0, dev.report().rowsRejected());
        assertTrue(dev.report().missingDatabases().isEmpty(), dev.report().summary());
        Example first = dev.examples().getFirst();
        assertEquals("concert_singer", first.dbId());
        assertEquals("How many singers do we have?", first.question());
        assertEquals("SELECT count(*) FROM singer", first.sql());
        assertEquals("spider/dev/0", first.id());
        assertTrue(spider.databases().sqlitePath("pets_1").isPresent());
        assertTrue(spider.databases().sqlitePath("wta_1").isEmpty());
        assertTrue(spider.databases().sqlitePath("../pets_1").isEmpty());
    }

    @Test void fullSpiderCountsAndMissingDatabases() {
        SpiderLoader spider = new SpiderLoader(TestData.fullSpider());
        LoadedSplit train = spider.load("train");
        LoadedSplit dev = spider.load("dev");
        assertEquals(7000, train.examples().size());
        assertEquals(1034, dev.examples().size());
        assertEquals(62, dev.report().examplesWithMissingDatabase(), dev.report().summary());
        assertEquals(java.util.Set.of("wta_1"), dev.report().missingDatabases().keySet());
        assertEquals(java.util.Set.of("baseball_1", "soccer_1"), train.report().missingDatabases().keySet());
    }

    @Test void badRowsAreReportedWithFileIndexAndField(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("tables.json"), "[]");
        Files.writeString(dir.resolve("dev.json"), """
                [
                  {"db_id": "a", "question": "q1", "query": "SELECT 1"},
                  {"db_id": "a", "question": "q2"},
                  {"db_id": "a", "question": 7, "query": ["x"]},
                  "not an object",
                  {"db_id": "b", "question": "q5", "query": "SELECT 5"}
                ]""");
        LoadedSplit dev = new SpiderLoader(dir).load("dev");
        assertEquals(2, dev.examples().size());
        LoadReport r = dev.report();
        assertEquals(5, r.rowsRead());
        assertEquals(3, r.rowsRejected());
        LoadProblem p = r.firstProblems().getFirst();
        assertEquals("query", p.field());
        assertEquals("index 1 (line 3)", p.location());
        assertTrue(p.toString().contains("dev.json, index 1 (line 3), field 'query': missing"), p.toString());
        assertEquals("query", r.firstProblems().get(1).field());
        assertEquals(java.util.Map.of("a", 1, "b", 1), r.missingDatabases());
    }

    @Test void truncatedJsonEndsTheFileWithAReportNotACrash(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("tables.json"), "[]");
        Files.writeString(dir.resolve("dev.json"), """
                [
                  {"db_id": "a", "question": "q1", "query": "SELECT 1"},
                  {"db_id": "a", "question": "q2", "query": "SELECT""");
        LoadedSplit dev = new SpiderLoader(dir).load("dev");
        assertEquals(1, dev.examples().size());
        assertEquals(1, dev.report().rowsRejected());
        assertTrue(dev.report().firstProblems().getFirst().message().startsWith("malformed JSON"));
    }

    @Test void missingSplitFileIsAClearError(@TempDir Path dir) {
        var e = assertThrows(IllegalArgumentException.class, () -> new SpiderLoader(dir).load("train"));
        assertTrue(e.getMessage().contains("train_spider.json"));
    }
}
