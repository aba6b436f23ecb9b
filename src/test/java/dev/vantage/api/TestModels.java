package dev.vantage.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vantage.data.tokenizer.BpeTokenizer;
import dev.vantage.data.tokenizer.BpeTrainer;
import dev.vantage.data.tokenizer.TokenizerJson;
import dev.vantage.engine.io.DType;
import dev.vantage.config.VantageConfig;
import dev.vantage.model.Checkpoint;
import dev.vantage.model.ModelConfig;
import dev.vantage.model.VantageModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A small random model directory with a tokenizer trained on the spider-mini fixture: the shape of a trained one. */
final class TestModels {
    static final Path MINI = Path.of("src/test/resources/spider-mini");

    private TestModels() {}

    static Path randomModel(Path dir) throws Exception {
        List<String> texts = new ArrayList<>();
        JsonNode dev = new ObjectMapper().readTree(MINI.resolve("dev.json").toFile());
        for (JsonNode x : dev) {
            texts.add(x.get("question").asText());
            texts.add(x.get("query").asText());
        }
        texts.add("SELECT COUNT(*) FROM singer WHERE Country = 'France' ORDER BY Age DESC LIMIT 1 T1 T2 AS JOIN ON GROUP BY");
        BpeTokenizer tok = new BpeTrainer(500).quiet().train(texts);
        ModelConfig cfg = new ModelConfig("vantage", tok.vocabSize(), 32, 2, 4, 2, 4, 2, 32, 0, 0.01, 0.001,
                1, 32, 2, 512, 10000, 1e-5, 0, 0, 0, true);
        VantageModel m = new VantageModel(cfg);
        m.initRandom(5, 0.05);
        Files.createDirectories(dir);
        Checkpoint.save(m, dir, DType.F32);
        TokenizerJson.save(tok, dir.resolve("tokenizer.json"));
        Files.writeString(dir.resolve(VantageConfig.MODEL_DIR_FILE), """
                data:
                  max_question_tokens: 64
                  max_sql_tokens: 192
                  max_schema_tokens: 400
                  question_in_encoder: true
                  question_in_decoder: true
                """);
        return dir;
    }
}
