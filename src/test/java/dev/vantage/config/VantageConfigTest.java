package dev.vantage.config;

import dev.vantage.evaluation.spider.EvalType;
import dev.vantage.inference.GenerationConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class VantageConfigTest {
    @Test void everyShippedConfigLoadsWithEverySectionTyped() {
        for (String name : new String[]{"tiny", "small", "medium", "large", "bench-tiny", "spider-tiny"}) {
            VantageConfig c = VantageConfig.load(name);
            assertEquals(1234, c.training().seed(), name);
            // spider-tiny decodes greedily: measured more accurate than beam 4 for its model (docs/TRAINING.md)
            assertEquals(name.equals("spider-tiny") ? GenerationConfig.Strategy.GREEDY : GenerationConfig.Strategy.BEAM,
                    c.inference().generation().strategy(), name);
            assertEquals(EvalType.ALL, c.evaluation().etype(), name);
            assertEquals(100_000, c.evaluation().maxRows(), name);
            assertTrue(c.data().augmentation().schemaShuffleProb() > 0, name);
        }
        VantageConfig shipped = VantageConfig.ofModelDirectory(Path.of("models", "vantage-spider-tiny"));
        assertEquals(0.6, shipped.data().mixture().get("spider"));
        assertEquals(GenerationConfig.Strategy.GREEDY, shipped.inference().generation().strategy());
    }

    @Test void aModelDirectoryWithoutVantageYamlGetsTheDefaults(@TempDir Path dir) {
        VantageConfig c = VantageConfig.ofModelDirectory(dir);
        assertNull(c.model());
        assertEquals(192, c.inference().generation().maxNewTokens());
        assertTrue(c.data().prompt().questionInEncoder());
    }

    @Test void unknownKeysAndSectionsAreNamedWithTheFile(@TempDir Path dir) throws Exception {
        assertError(dir, "training:\n  learnin_rate: 0.001\n", "unknown key training.learnin_rate (known: adam_beta1,");
        assertError(dir, "model:\n  hidden_sise: 64\n", "unknown key model.hidden_sise (known: attention_dropout,");
        assertError(dir, "data:\n  schema:\n    colum_types: true\n", "unknown key data.schema.colum_types (known: column_types,");
        assertError(dir, "data:\n  augmentation:\n    shuffle: 0.1\n", "unknown key data.augmentation.shuffle");
        assertError(dir, "inference:\n  beam: 4\n", "unknown key inference.beam (known: beam_size,");
        assertError(dir, "evaluation:\n  timeout: 4\n", "unknown key evaluation.timeout (known: etype,");
        assertError(dir, "trainig:\n  seed: 1\n", "unknown section trainig (known: data, evaluation, inference, model, training)");
    }

    @Test void badValuesAreNamedWithTheFile(@TempDir Path dir) throws Exception {
        String tiny = Files.readString(Path.of("configs", "tiny.yaml"));
        assertError(dir, tiny.replace("tie_word_embeddings: true", "tie_word_embeddings: false"), "tie_word_embeddings = false");
        assertError(dir, tiny.replace("learning_rate: 3.0e-4", "learning_rate: 3.0"), "training.learning_rate = 3.0");
        assertError(dir, tiny.replace("decoding: beam", "decoding: nucleus"), "inference.decoding = nucleus");
        assertError(dir, tiny.replace("etype: all", "etype: both"), "evaluation.etype = both");
        assertError(dir, tiny.replace("validation_fraction: 0.05", "validation_fraction: 1.5"), "data.validation_fraction = 1.5");
        assertError(dir, tiny.replace("spider: 0.4", "spider: lots"), "data.mixture.spider");
    }

    private static void assertError(Path dir, String yaml, String expected) throws Exception {
        Path f = dir.resolve("x.yaml");
        Files.writeString(f, yaml.contains("model:") ? yaml : Files.readString(Path.of("configs", "tiny.yaml")) + "\n" + yaml);
        var e = assertThrows(IllegalArgumentException.class, () -> VantageConfig.load(f.toString()));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
