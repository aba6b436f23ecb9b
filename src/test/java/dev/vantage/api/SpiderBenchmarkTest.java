package dev.vantage.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The benchmark on the committed spider-mini fixture with the bundled model. */
class SpiderBenchmarkTest {
    static final Path SPIDER = Path.of("src/test/resources/spider-mini");

    @Test void batchesAreRunsOfOneDatabaseAtMostTheSizeLong() {
        List<SpiderBenchmark.Question> qs = List.of(q("a"), q("a"), q("a"), q("b"), q("a"), q("a"));
        assertEquals(List.of(List.of(0, 1), List.of(2), List.of(3), List.of(4, 5)), SpiderBenchmark.batches(qs, 2));
        assertEquals(List.of(List.of(0), List.of(1), List.of(2), List.of(3), List.of(4), List.of(5)), SpiderBenchmark.batches(qs, 1));
    }

    @Test void batchedGreedyDecodingWritesTheSamePredictions(@TempDir Path tmp) throws Exception {
        var inputs = new SpiderBenchmark.Inputs(SPIDER.resolve("dev.json"), SPIDER.resolve("tables.json"), SPIDER.resolve("database"));
        var bench = new SpiderBenchmark(Vantage.load(Vantage.bundledModel()));
        var one = bench.run(new SpiderBenchmark.Settings(inputs, tmp.resolve("one"), Vantage.Options.DEFAULT, 2, 12, false, 1));
        var batched = bench.run(new SpiderBenchmark.Settings(inputs, tmp.resolve("batched"), Vantage.Options.DEFAULT, 2, 12, false, 5));
        assertEquals(Files.readString(tmp.resolve("one/predictions.sql")), Files.readString(tmp.resolve("batched/predictions.sql")));
        assertEquals(one.get("execution_accuracy").asDouble(), batched.get("execution_accuracy").asDouble());
        assertEquals(5, new ObjectMapper().readTree(tmp.resolve("batched/summary.json").toFile()).get("batch").asInt());
        assertEquals(0, batched.get("generation_errors").asInt());
    }

    private static SpiderBenchmark.Question q(String db) { return new SpiderBenchmark.Question("q", "SELECT 1", db); }
}
