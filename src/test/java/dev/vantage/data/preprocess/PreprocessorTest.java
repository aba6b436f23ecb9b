package dev.vantage.data.preprocess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vantage.config.VantageConfig;
import dev.vantage.data.Example;
import dev.vantage.data.TestData;
import dev.vantage.data.dataset.BirdLoader;
import dev.vantage.data.dataset.DatasetLoader;
import dev.vantage.data.dataset.GretelLoader;
import dev.vantage.data.dataset.LoadReport;
import dev.vantage.data.dataset.LoadedSplit;
import dev.vantage.data.dataset.SpiderLoader;
import dev.vantage.data.dataset.WikiSqlLoader;
import dev.vantage.data.schema.SerializationOptions;
import dev.vantage.data.tokenizer.BpeTokenizer;
import dev.vantage.data.tokenizer.BpeTrainer;
import dev.vantage.data.tokenizer.SpecialTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class PreprocessorTest {
    private static final PrintStream QUIET = new PrintStream(java.io.OutputStream.nullOutputStream());

    /** The fixtures' splits as training data (spider-mini has only dev, the others too). */
    private static TrainingData fixtures(Path gretelCache) {
        Map<String, DatasetLoader> loaders = new LinkedHashMap<>();
        Map<String, List<Example>> examples = new LinkedHashMap<>();
        Map<String, LoadReport> reports = new LinkedHashMap<>();
        List<Object[]> sources = List.of(
                new Object[] {new SpiderLoader(TestData.resource("spider-mini")), "dev"},
                new Object[] {new BirdLoader(TestData.resource("bird-mini")), "dev"},
                new Object[] {new WikiSqlLoader(TestData.resource("wikisql-mini")), "dev"},
                new Object[] {new GretelLoader(TestData.resource("gretel-mini"), gretelCache), "train"});
        for (Object[] s : sources) {
            DatasetLoader l = (DatasetLoader) s[0];
            LoadedSplit split = l.load((String) s[1]);
            loaders.put(l.name(), l);
            examples.put(l.name(), split.examples());
            reports.put(l.name(), split.report());
        }
        return new TrainingData(loaders, examples, reports);
    }

    @Test void buildsShardsFromEveryDatasetAndReadsThemBack(@TempDir Path out, @TempDir Path cache) throws Exception {
        VantageConfig config = VantageConfig.load("tiny");
        TrainingData data = fixtures(cache);
        BpeTokenizer tok = new BpeTrainer(1200, 2, SpecialTokens.ALL).quiet()
                .train(TokenizerCorpus.of(data, config.data().prompt().schema()));
        JsonNode stats = new Preprocessor(config.data(), config.source(), tok, 1234, QUIET).quiet().run(data, out);

        // every example is accounted for: written, dropped for a long SQL, or skipped for its database
        int loaded = data.examples().values().stream().mapToInt(List::size).sum();
        int mixed = 0;
        for (String split : List.of("train", "validation")) {
            JsonNode s = stats.get(split);
            mixed += s.get("examples").asInt() + s.get("dropped_sql_too_long").asInt();
            for (JsonNode n : s.get("skipped_missing_database")) mixed += n.asInt();
            for (JsonNode n : s.get("skipped_unreadable_database")) mixed += n.asInt();
        }
        assertEquals(loaded, mixed, stats.toPrettyString());
        JsonNode train = stats.get("train");
        // toxicology is missing; BIRD's 4 questions are oversampled to its 0.3 share, so its one question repeats
        assertTrue(train.get("skipped_missing_database").path("bird").asInt(0)
                + stats.get("validation").get("skipped_missing_database").path("bird").asInt(0) >= 1, "toxicology is missing");
        assertTrue(train.get("examples_by_dataset").has("wikisql"));
        assertTrue(stats.get("mixture_weights").get("spider").asDouble() > 0.39);

        try (ShardReader r = new ShardReader(out, "train"); ShardReader v = new ShardReader(out, "validation")) {
            assertEquals(train.get("examples").asInt(), r.size());
            assertEquals(stats.get("validation").get("examples").asInt(), v.size());
            assertEquals(tok.vocabSize(), r.vocabSize());
            var limits = config.data().prompt().limits();
            boolean sawEvidence = false;
            for (int i = 0; i < r.size(); i++) {
                EncodedExample e = r.get(i);
                int[] in = e.inputIds();
                assertEquals(SpecialTokens.BOS_ID, in[0]);
                assertEquals(SpecialTokens.EOS_ID, in[in.length - 1]);
                assertEquals(SpecialTokens.SEP_ID, in[e.sqlStart() - 1]);
                assertTrue(e.schemaIds().length >= 1 && e.schemaIds().length <= limits.maxSchemaTokens());
                // question_in_encoder: the schema follows the encoder's last <sep>
                int firstTable = 0;
                while (e.schemaIds()[firstTable] != SpecialTokens.TABLE_ID) firstTable++;
                assertEquals(SpecialTokens.SEP_ID, e.schemaIds()[firstTable - 1]);
                assertTrue(in.length - e.sqlStart() - 1 <= limits.maxSqlTokens());
                long seps = java.util.Arrays.stream(in).filter(t -> t == SpecialTokens.SEP_ID).count();
                if (seps == 2) sawEvidence = true;
                String sql = tok.decode(java.util.Arrays.copyOfRange(in, e.sqlStart(), in.length - 1));
                assertTrue(sql.toUpperCase().startsWith("SELECT") || sql.toUpperCase().startsWith("CREATE"), sql);
            }
            assertTrue(sawEvidence || stats.get("validation").get("lengths").get("evidence").get("count").asInt() > 0,
                    "BIRD evidence goes between <sep>s");
        }
        JsonNode onDisk = new ObjectMapper().readTree(out.resolve("stats.json").toFile());
        assertEquals(stats.toString(), onDisk.toString());
    }

    @Test void augmentationFollowsTheConfigForTrainingOnly(@TempDir Path a, @TempDir Path b, @TempDir Path cache) throws Exception {
        VantageConfig config = VantageConfig.load("tiny");
        TrainingData data = fixtures(cache);
        BpeTokenizer tok = new BpeTrainer(800, 2, SpecialTokens.ALL).quiet()
                .train(TokenizerCorpus.of(data, SerializationOptions.defaults()));
        JsonNode on = new Preprocessor(config.data(), config.source(), tok, 3, QUIET).quiet().run(data, a);
        JsonNode applied = on.get("train").get("augmentations_applied");
        int n = on.get("train").get("examples").asInt();
        // tiny.yaml: shuffle 0.3, drop 0.2, add 0.2, value substitution 0.2
        assertTrue(applied.path("schema_shuffle").asInt() > n / 6 && applied.path("schema_shuffle").asInt() < n / 2, applied.toString());
        assertTrue(applied.path("add_irrelevant_tables").asInt() > 0, applied.toString());
        assertTrue(applied.path("value_substitution").asInt() > 0, applied.toString());
        assertTrue(on.get("validation").get("augmentations_applied").isEmpty());
        JsonNode off = new Preprocessor(config.data(), config.source(), tok, 3, QUIET).quiet().augment(false).run(data, b);
        assertTrue(off.get("train").get("augmentations_applied").isEmpty());
        assertEquals(on.get("train").get("examples"), off.get("train").get("examples"));
        assertFalse(java.util.Arrays.equals(java.nio.file.Files.readAllBytes(a.resolve("train-00000.vshard")),
                java.nio.file.Files.readAllBytes(b.resolve("train-00000.vshard"))));
    }

    /** copies: each training example drawn that many times, each copy its own draw (here: names renamed). */
    @Test void copiesMultiplyTrainingExamplesWithTheirOwnDraws(@TempDir Path a, @TempDir Path b, @TempDir Path cache) throws Exception {
        Path yaml = cache.resolve("copies.yaml");
        String tiny = java.nio.file.Files.readString(Path.of("configs/tiny.yaml"));
        java.nio.file.Files.writeString(yaml, tiny.replace("  augmentation:\n", "  augmentation:\n    name_substitution_prob: 1.0\n    copies: 3\n"));
        VantageConfig config = VantageConfig.load(yaml.toString());
        TrainingData data = fixtures(cache);
        BpeTokenizer tok = new BpeTrainer(800, 2, SpecialTokens.ALL).quiet()
                .train(TokenizerCorpus.of(data, SerializationOptions.defaults()));
        JsonNode three = new Preprocessor(config.data(), config.source(), tok, 3, QUIET).quiet().run(data, a);
        JsonNode one = new Preprocessor(VantageConfig.load("tiny").data(), "tiny", tok, 3, QUIET).quiet().run(data, b);
        int n = one.get("train").get("examples").asInt();
        assertEquals(3 * n, three.get("train").get("examples").asInt(), three.get("train").toString());
        int renamed = three.get("train").get("augmentations_applied").path("name_substitution").asInt();
        assertTrue(renamed > n, "name substitution applied to " + renamed + " of " + 3 * n);
        assertEquals(one.get("validation").get("examples"), three.get("validation").get("examples"));
    }

    @Test void sameSeedSameShards(@TempDir Path a, @TempDir Path b, @TempDir Path cache) throws Exception {
        VantageConfig config = VantageConfig.load("tiny");
        TrainingData data = fixtures(cache);
        BpeTokenizer tok = new BpeTrainer(800, 2, SpecialTokens.ALL).quiet()
                .train(TokenizerCorpus.of(data, SerializationOptions.defaults()));
        new Preprocessor(config.data(), config.source(), tok, 5, QUIET).quiet().run(data, a);
        new Preprocessor(config.data(), config.source(), tok, 5, QUIET).quiet().run(data, b);
        assertArrayEquals(java.nio.file.Files.readAllBytes(a.resolve("train-00000.vshard")),
                java.nio.file.Files.readAllBytes(b.resolve("train-00000.vshard")));
    }

    @Test void truncatesQuestionAndDropsLongSql() {
        BpeTokenizer tok = new BpeTrainer(300, 2, SpecialTokens.ALL).quiet().train(List.of("a b c"));
        var schema = new dev.vantage.data.schema.DatabaseSchema("db", List.of(new dev.vantage.data.schema.Table("t",
                List.of(new dev.vantage.data.schema.Column("a", "", false)))), List.of());
        ExampleEncoder enc = new ExampleEncoder(tok, PromptOptions.defaults(new EncodingLimits(4, 10, 64)));
        var ok = enc.encode(new Example("1", "x", "db", "one two three four five six", "ev", "SELECT 1"), schema, null);
        assertTrue(ok.questionTruncated());
        assertFalse(ok.schemaTruncated());
        assertEquals(4, ok.questionTokens());
        EncodedExample e = ok.example().orElseThrow();
        // encoder: question <sep> evidence <sep> schema; decoder: <bos> question <sep> evidence <sep> sql <eos>
        int[] prefix = java.util.Arrays.copyOf(e.inputIds(), e.sqlStart());
        assertEquals(SpecialTokens.BOS_ID, prefix[0]);
        assertArrayEquals(java.util.Arrays.copyOfRange(prefix, 1, prefix.length), java.util.Arrays.copyOf(e.schemaIds(), prefix.length - 1));
        assertEquals(SpecialTokens.TABLE_ID, e.schemaIds()[prefix.length - 1]);
        var dropped = enc.encode(new Example("2", "x", "db", "q", "", "SELECT a, b, c, d, e FROM t WHERE x = 1"), schema, null);
        assertTrue(dropped.example().isEmpty());
        assertTrue(dropped.sqlTokens() > 10);
    }
}
