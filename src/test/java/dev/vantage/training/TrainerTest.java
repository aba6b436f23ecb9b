package dev.vantage.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vantage.data.preprocess.EncodedExample;
import dev.vantage.data.preprocess.ShardWriter;
import dev.vantage.model.Checkpoint;
import dev.vantage.model.ModelConfig;
import dev.vantage.model.Param;
import dev.vantage.model.VantageModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class TrainerTest {
    private static final ModelConfig MODEL = new ModelConfig("vantage", 40, 16, 2, 4, 2, 4, 2, 8, 1.25, 0.01, 0.001,
            1, 12, 2, 64, 10000, 1e-5, 0, 0, 0, true);
    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    private static TrainingConfig config(int steps) {
        ObjectMapper m = new ObjectMapper();
        var n = m.createObjectNode();
        n.put("batch_size", 3);
        n.put("gradient_accumulation_steps", 2);
        n.put("learning_rate", 1e-2);
        n.put("min_learning_rate", 1e-3);
        n.put("warmup_steps", 2);
        n.put("max_steps", steps);
        n.put("eval_every", 4);
        n.put("checkpoint_every", 3);
        n.put("log_every", 1);
        n.put("eval_examples", 4);
        n.put("seed", 7);
        return TrainingConfig.from(n);
    }

    /** Random "schema" and "question <sep> sql" rows: a fixed mapping the model can learn (sql = question + 1). */
    private static Path shards(Path dir) throws Exception {
        Random r = new Random(3);
        for (String split : List.of("train", "validation")) {
            try (ShardWriter w = new ShardWriter(dir, split, 40, 1000)) {
                for (int i = 0; i < (split.equals("train") ? 10 : 4); i++) {
                    int n = 2 + r.nextInt(4);
                    int[] schema = new int[3 + r.nextInt(5)];
                    for (int j = 0; j < schema.length; j++) schema[j] = 9 + r.nextInt(30);
                    int[] input = new int[2 * n + 3];
                    input[0] = 1;
                    for (int j = 0; j < n; j++) input[1 + j] = 9 + r.nextInt(29);
                    input[n + 1] = 3;
                    for (int j = 0; j < n; j++) input[n + 2 + j] = input[1 + j] + 1;
                    input[2 * n + 2] = 2;
                    w.write(new EncodedExample(schema, input, n + 2));
                }
            }
        }
        return dir;
    }

    private static VantageModel train(Path data, Path out, int steps, boolean resume) throws Exception {
        return new Trainer(new Trainer.Run(MODEL, config(steps), data, out, resume, null), QUIET).quiet().train();
    }

    private static void trainUntil(Path data, Path out, int steps, int stop) throws Exception {
        new Trainer(new Trainer.Run(MODEL, config(steps), data, out, false, null), QUIET).quiet().stopAt(stop).train();
    }

    @Test void resumedRunEndsWithTheSameWeightsAsAnUninterruptedOne(@TempDir Path tmp) throws Exception {
        Path data = shards(tmp.resolve("data"));
        VantageModel straight = train(data, tmp.resolve("a"), 8, false);
        trainUntil(data, tmp.resolve("b"), 8, 5);       // stops after step 5, with checkpoints at 3 and 5
        // a kill while writing the next checkpoint leaves a partial directory behind: it must be ignored
        Files.createDirectories(tmp.resolve("b/checkpoints/step-00000006.partial"));
        VantageModel resumed = train(data, tmp.resolve("b"), 8, true);
        for (int i = 0; i < straight.params().size(); i++) {
            Param p = straight.params().get(i), q = resumed.params().get(i);
            // equal up to last-place rounding: the JIT may compile a kernel's tail loop differently between runs
            // (see ModelGradientCheckTest); a wrong data position, moment or schedule step differs by far more
            assertArrayEquals(p.w, q.w, 1e-6f, p.name);
        }
        // the metrics of the resumed run hold each step once
        long lines = Files.readAllLines(tmp.resolve("b/metrics.jsonl")).stream().filter(s -> s.contains("\"loss\"")).count();
        assertEquals(8, lines);
        assertTrue(Files.isRegularFile(tmp.resolve("b/report.html")));
    }

    @Test void lossFallsAndTheBestModelLoads(@TempDir Path tmp) throws Exception {
        Path data = shards(tmp.resolve("data"));
        train(data, tmp.resolve("run"), 40, false);
        List<JsonNode> lines = new java.util.ArrayList<>();
        for (String s : Files.readAllLines(tmp.resolve("run/metrics.jsonl"))) lines.add(new ObjectMapper().readTree(s));
        double first = lines.stream().filter(l -> l.has("loss")).findFirst().orElseThrow().get("ce_loss").asDouble();
        double last = lines.stream().filter(l -> l.has("loss")).reduce((a, b) -> b).orElseThrow().get("ce_loss").asDouble();
        assertTrue(last < 0.6 * first, "ce loss " + first + " -> " + last);
        VantageModel best = Checkpoint.load(tmp.resolve("run/best"));
        assertEquals(MODEL, best.cfg);
        assertTrue(Files.isRegularFile(tmp.resolve("run/best/training.json")));
        // keep_checkpoints (2): older ones are pruned
        try (var s = Files.list(tmp.resolve("run/checkpoints"))) {
            assertEquals(2, s.count());
        }
    }

    @Test void resumeIsExactWithHiddenAttentionAndExpertDropout(@TempDir Path tmp) throws Exception {
        ModelConfig dropout = new ModelConfig("vantage", 40, 16, 2, 4, 2, 4, 2, 8, 1.25, 0.01, 0.001,
                1, 12, 2, 64, 10000, 1e-5, 0.2, 0.1, 0.1, true);
        Path data = shards(tmp.resolve("data"));
        VantageModel straight = new Trainer(new Trainer.Run(dropout, config(6), data, tmp.resolve("a"), false, null), QUIET).quiet().train();
        new Trainer(new Trainer.Run(dropout, config(6), data, tmp.resolve("b"), false, null), QUIET).quiet().stopAt(3).train();
        VantageModel resumed = new Trainer(new Trainer.Run(dropout, config(6), data, tmp.resolve("b"), true, null), QUIET).quiet().train();
        VantageModel plain = train(data, tmp.resolve("c"), 6, false);
        for (int i = 0; i < straight.params().size(); i++)
            assertArrayEquals(straight.params().get(i).w, resumed.params().get(i).w, 1e-6f, straight.params().get(i).name);
        assertFalse(java.util.Arrays.equals(straight.params().get(0).w, plain.params().get(0).w), "dropout changed nothing");
    }

    /** With an evaluator that names its figure, best/ is the step where that figure peaked, not the lowest loss. */
    @Test void bestIsChosenByTheEvaluatorsFigure(@TempDir Path tmp) throws Exception {
        Path data = shards(tmp.resolve("data"));
        java.util.Map<Integer, Double> figure = java.util.Map.of(4, 0.2, 8, 0.6, 12, 0.4, 16, 0.6);
        new Trainer(new Trainer.Run(MODEL, config(16), data, tmp.resolve("run"), false, null), QUIET).quiet()
                .evaluator(new Trainer.StepEvaluator() {
                    @Override public java.util.Map<String, Double> evaluate(VantageModel model, int step) { return java.util.Map.of("acc", figure.get(step)); }
                    @Override public String selects() { return "acc"; }
                }).train();
        JsonNode best = new ObjectMapper().readTree(tmp.resolve("run/best/training.json").toFile());
        // step 16 ties step 8 on the figure; the tie goes to the lower validation loss (later, the model still learns)
        List<JsonNode> evals = new java.util.ArrayList<>();
        for (String s : Files.readAllLines(tmp.resolve("run/metrics.jsonl"))) if (s.contains("validation_loss")) evals.add(new ObjectMapper().readTree(s));
        double loss8 = evals.stream().filter(l -> l.get("step").asInt() == 8).findFirst().orElseThrow().get("validation_loss").asDouble();
        double loss16 = evals.stream().filter(l -> l.get("step").asInt() == 16).findFirst().orElseThrow().get("validation_loss").asDouble();
        assertEquals(loss16 < loss8 ? 16 : 8, best.path("step").asInt(), best.toString());
        assertEquals(0.6, best.path("acc").asDouble(), 0);
    }

    /** --init: a new run starts from a trained model's weights (its first loss is the trained one's), and refuses other shapes. */
    @Test void aRunStartsFromASavedModelsWeights(@TempDir Path tmp) throws Exception {
        Path data = shards(tmp.resolve("data"));
        train(data, tmp.resolve("base"), 40, false);
        new Trainer(new Trainer.Run(MODEL, config(2), data, tmp.resolve("tuned"), false, null), QUIET).quiet()
                .initFrom(tmp.resolve("base/best")).train();
        train(data, tmp.resolve("fresh"), 2, false);
        double tuned = firstCeLoss(tmp.resolve("tuned")), fresh = firstCeLoss(tmp.resolve("fresh"));
        assertTrue(tuned < 0.8 * fresh, "first ce loss from the saved model " + tuned + ", from random weights " + fresh);

        ModelConfig wider = new ModelConfig("vantage", 40, 24, 2, 4, 2, 4, 2, 8, 1.25, 0.01, 0.001,
                1, 12, 2, 64, 10000, 1e-5, 0, 0, 0, true);
        var e = assertThrows(IllegalArgumentException.class, () -> new Trainer(new Trainer.Run(wider, config(2), data,
                tmp.resolve("wide"), false, null), QUIET).quiet().initFrom(tmp.resolve("base/best")).train());
        assertTrue(e.getMessage().contains("has shape"), e.getMessage());
    }

    /** --init refuses a model whose tokenizer is not the one the shards were made with, before training. */
    @Test void aSavedModelOfAnotherTokenizerIsRefused(@TempDir Path tmp) throws Exception {
        Path data = shards(tmp.resolve("data"));
        Files.writeString(data.resolve("tokenizer.json"), "{\"model\": \"a\"}");
        train(data, tmp.resolve("base"), 2, false);           // best/ gets the shards' tokenizer.json
        Files.writeString(data.resolve("tokenizer.json"), "{\"model\": \"b\"}");
        var e = assertThrows(IllegalArgumentException.class, () -> new Trainer(new Trainer.Run(MODEL, config(2), data,
                tmp.resolve("tuned"), false, null), QUIET).quiet().initFrom(tmp.resolve("base/best")).train());
        assertTrue(e.getMessage().contains("tokenizer.json differs"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("tuned/metrics.jsonl")), "refused after training began");
    }

    private static double firstCeLoss(Path run) throws Exception {
        for (String s : Files.readAllLines(run.resolve("metrics.jsonl")))
            if (s.contains("\"ce_loss\"")) return new ObjectMapper().readTree(s).get("ce_loss").asDouble();
        throw new AssertionError("no loss line in " + run);
    }

    @Test void refusesShardsWhoseSchemaGoesWhereTheModelDoesNotReadIt(@TempDir Path tmp) throws Exception {
        Path data = shards(tmp.resolve("data"));     // schema as encoder input
        ModelConfig noEncoder = new ModelConfig("vantage", 40, 16, 2, 4, 2, 4, 2, 8, 1.25, 0.01, 0.001,
                0, 12, 0, 64, 10000, 1e-5, 0, 0, 0, true);
        var e = assertThrows(IllegalArgumentException.class, () -> new Trainer(new Trainer.Run(noEncoder, config(2), data,
                tmp.resolve("run"), false, null), QUIET).quiet().train());
        assertTrue(e.getMessage().contains("schema_in_decoder: true"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("run/metrics.jsonl")), "refused after training began");
    }

    @Test void refusesToOverwriteARunWithoutResume(@TempDir Path tmp) throws Exception {
        Path data = shards(tmp.resolve("data"));
        train(data, tmp.resolve("run"), 3, false);
        var e = assertThrows(IllegalArgumentException.class, () -> train(data, tmp.resolve("run"), 3, false));
        assertTrue(e.getMessage().contains("--resume"), e.getMessage());
    }

    @Test void badValuesAreNamed() {
        var m = new ObjectMapper();
        var k = m.createObjectNode();
        k.put("learning_rate", Double.NaN);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainingConfig.from(k)).getMessage().contains("training.learning_rate"));
    }
}
