package dev.vantage.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vantage.config.VantageConfig;
import dev.vantage.data.tokenizer.TokenizerJson;
import dev.vantage.model.Checkpoint;
import dev.vantage.model.VantageModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The training-time dev evaluation runs the real benchmark on a spread subset (committed spider-mini fixture). */
class DevAccuracyEvaluatorTest {
    @Test void measuresTheBundledModelOnASpreadSubset(@TempDir Path tmp) throws Exception {
        Path spider = Path.of("src/test/resources/spider-mini"), model = Vantage.bundledModel();
        var inputs = new SpiderBenchmark.Inputs(spider.resolve("dev.json"), spider.resolve("tables.json"), spider.resolve("database"));
        int total = new ObjectMapper().readTree(inputs.questions().toFile()).size();
        var evaluator = new DevAccuracyEvaluator(inputs, 4, tmp, TokenizerJson.load(model.resolve("tokenizer.json")),
                VantageConfig.ofModelDirectory(model).data().prompt(), 2);
        var subset = new ObjectMapper().readTree(tmp.resolve("dev-subset.json").toFile());
        assertEquals(4, subset.size());
        assertNotEquals(subset.get(0).get("db_id").asText(), subset.get(3).get("db_id").asText(),
                "the subset should spread over the file (" + total + " questions), not take its first few");
        VantageModel m = Checkpoint.load(model);
        Map<String, Double> figures = evaluator.evaluate(m, 7);
        double ex = figures.get(DevAccuracyEvaluator.FIGURE);
        assertTrue(ex >= 0 && ex <= 1, "execution accuracy " + ex);
        assertEquals(DevAccuracyEvaluator.FIGURE, evaluator.selects());
        assertTrue(Files.isRegularFile(tmp.resolve("dev-eval/step-7/summary.json")));
    }
}
