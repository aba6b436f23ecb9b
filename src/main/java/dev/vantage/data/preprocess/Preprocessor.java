package dev.vantage.data.preprocess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vantage.config.VantageConfig;
import dev.vantage.data.Example;
import dev.vantage.data.dataset.DatasetLoader;
import dev.vantage.data.dataset.DatasetMixture;
import dev.vantage.data.dataset.LoadReport;
import dev.vantage.data.dataset.ValidationSplit;
import dev.vantage.data.schema.SchemaSerializer;
import dev.vantage.data.schema.SerializationOptions;
import dev.vantage.data.tokenizer.BpeTokenizer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * From datasets on disk to token shards: loads the training splits, holds out a seeded validation
 * part of each (by database), mixes the rest by the configured weights, serializes each database's
 * schema once (with the values its questions mention, when value linking is on), encodes, and
 * writes {@code train-*.vshard}, {@code validation-*.vshard} and {@code stats.json}.
 */
public final class Preprocessor {
    public static final int EXAMPLES_PER_SHARD = 50_000;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final VantageConfig config;
    private final BpeTokenizer tokenizer;
    private final long seed;
    private final PrintStream log;
    private boolean progress = true;
    private int examplesPerShard = EXAMPLES_PER_SHARD;

    public Preprocessor(VantageConfig config, BpeTokenizer tokenizer, long seed, PrintStream log) {
        this.config = config;
        this.tokenizer = tokenizer;
        this.seed = seed;
        this.log = log;
    }

    public Preprocessor quiet() { progress = false; return this; }
    public Preprocessor examplesPerShard(int n) { examplesPerShard = n; return this; }

    /** Runs the whole pipeline; returns the statistics also written to {@code out/stats.json}. */
    public ObjectNode run(TrainingData data, Path out) throws IOException {
        JsonNode section = config.section("data");
        double fraction = section.path("validation_fraction").asDouble(0.05);
        Map<String, Double> weights = DatasetMixture.renormalize(DatasetMixture.weights(section), data.examples().keySet());

        Map<String, List<Example>> train = new LinkedHashMap<>();
        List<Example> validation = new ArrayList<>();
        for (var e : data.examples().entrySet()) {
            ValidationSplit.Split s = ValidationSplit.split(e.getValue(), fraction, seed);
            train.put(e.getKey(), s.train());
            validation.addAll(s.validation());
        }
        List<Example> mixed = DatasetMixture.mix(train, weights, seed);
        log.printf("mixture of %d training examples %s; %d held out for validation%n", mixed.size(), weights, validation.size());

        SerializationOptions options = SerializationOptions.fromConfig(section);
        ExampleEncoder encoder = new ExampleEncoder(tokenizer, EncodingLimits.fromConfig(section));
        SplitStats trainStats = new SplitStats(), validationStats = new SplitStats();
        List<Path> shards = new ArrayList<>();
        shards.addAll(write(mixed, "train", data, options, encoder, trainStats, out));
        shards.addAll(write(validation, "validation", data, options, encoder, validationStats, out));

        ObjectNode stats = JSON.createObjectNode();
        stats.put("config", config.source());
        stats.put("seed", seed);
        stats.put("vocab_size", tokenizer.vocabSize());
        stats.put("validation_fraction", fraction);
        ObjectNode w = stats.putObject("mixture_weights");
        weights.forEach((k, v) -> w.put(k, Math.round(v * 1e6) / 1e6));
        ObjectNode loaded = stats.putObject("loaded");
        for (var e : data.reports().entrySet()) {
            LoadReport r = e.getValue();
            ObjectNode l = loaded.putObject(e.getKey());
            l.put("rows", r.rowsRead());
            l.put("examples", r.examples());
            l.put("rejected_rows", r.rowsRejected());
            l.put("examples_with_missing_database", r.examplesWithMissingDatabase());
        }
        stats.set("train", trainStats.toJson());
        stats.set("validation", validationStats.toJson());
        var files = stats.putArray("shards");
        for (Path p : shards) files.add(out.relativize(p).toString());
        AtomicFiles.writeString(out.resolve("stats.json"), JSON.writeValueAsString(stats));
        return stats;
    }

    /** Encodes one split database by database (each schema and value index is built once) and writes it. */
    private List<Path> write(List<Example> examples, String split, TrainingData data, SerializationOptions options,
                             ExampleEncoder encoder, SplitStats stats, Path out) throws IOException {
        Map<String, List<Example>> byDatabase = new LinkedHashMap<>();
        for (Example x : examples) byDatabase.computeIfAbsent(x.dataset() + "\u0000" + x.dbId(), k -> new ArrayList<>()).add(x);
        SchemaSource schemas = new SchemaSource(dev.vantage.data.schema.ValueIndex.DEFAULT_MAX_DISTINCT);
        try (ShardWriter writer = new ShardWriter(out, split, tokenizer.vocabSize(), examplesPerShard);
             ProgressBar bar = progress ? new ProgressBarBuilder().setTaskName(split).setInitialMax(examples.size())
                     .setStyle(ProgressBarStyle.ASCII).continuousUpdate().build() : null) {
            for (List<Example> group : byDatabase.values()) {
                Example first = group.getFirst();
                DatasetLoader loader = data.loaders().get(first.dataset());
                Optional<SchemaSource.Resolved> db = schemas.resolve(loader, first.dbId(), options.valueLinking());
                if (db.isEmpty() || db.get().schema().tables().isEmpty()) {
                    if (db.isEmpty() && schemas.lastProblem().equals("missing database")) stats.missingDatabase(first.dataset(), group.size());
                    else stats.unreadableDatabase(first.dataset(), group.size());
                    if (bar != null) bar.stepBy(group.size());
                    continue;
                }
                Map<String, ExampleEncoder.Result> done = new HashMap<>(); // oversampled repeats encode once
                for (Example x : group) {
                    ExampleEncoder.Result r = done.computeIfAbsent(x.id(), id -> encoder.encode(x,
                            SchemaSerializer.serialize(db.get().schema(), options, x.question(), db.get().values())));
                    stats.record(r);
                    if (r.example().isPresent()) writer.write(r.example().get());
                    if (bar != null) bar.step();
                }
            }
            writer.close();
            return writer.shards();
        }
    }
}
