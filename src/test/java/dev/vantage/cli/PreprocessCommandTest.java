package dev.vantage.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vantage.data.TestData;
import dev.vantage.data.preprocess.ShardReader;
import dev.vantage.data.tokenizer.TokenizerJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** The commands end to end on a data folder laid out as 'vantage download' makes it, from the fixtures. */
class PreprocessCommandTest {
    @Test void tokenizerTrainThenPreprocess(@TempDir Path tmp) throws Exception {
        Path data = tmp.resolve("data");
        Path spider = data.resolve("spider");
        Path mini = TestData.resource("spider-mini");
        try (Stream<Path> files = Files.walk(mini)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Path to = spider.resolve(mini.relativize(p).toString());
                Files.createDirectories(to.getParent());
                Files.copy(p, to);
            }
        }
        Files.move(spider.resolve("dev.json"), spider.resolve("train_spider.json")); // its dev questions as training data

        Path tok = tmp.resolve("tok.json");
        int rc = VantageCli.commandLine().execute("tokenizer", "train", "--vocab", "1000", "--data-dir", data.toString(),
                "--out", tok.toString());
        assertEquals(0, rc);
        assertEquals(1000, TokenizerJson.load(tok).vocabSize());

        Path out = tmp.resolve("out");
        rc = VantageCli.commandLine().execute("preprocess", "--config", "tiny", "--data-dir", data.toString(),
                "--out", out.toString(), "--tokenizer", tok.toString());
        assertEquals(0, rc);
        var stats = new ObjectMapper().readTree(out.resolve("stats.json").toFile());
        try (ShardReader r = new ShardReader(out, "train")) {
            assertEquals(stats.get("train").get("examples").asInt(), r.size());
            assertTrue(r.size() > 200);
        }
        assertTrue(Files.isRegularFile(out.resolve("tokenizer.json")));

        rc = VantageCli.commandLine().execute("preprocess", "--data-dir", tmp.resolve("nothing").toString(), "--out", out.toString());
        assertEquals(2, rc, "a missing data folder is a usage error, not a crash");
    }
}
