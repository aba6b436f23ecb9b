package dev.vantage.data.preprocess;

import dev.vantage.engine.io.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vantage.data.Example;
import dev.vantage.data.dataset.DatasetLoader;
import dev.vantage.data.dataset.DatasetMixture;
import dev.vantage.data.dataset.LoadReport;
import dev.vantage.data.dataset.ValidationSplit;
import dev.vantage.data.augment.AugmentationConfig;
import dev.vantage.data.augment.AugmentedExample;
import dev.vantage.data.augment.Augmenter;
import dev.vantage.data.augment.SqliteValueSource;
import dev.vantage.data.augment.ValueSource;
import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.ValueIndex;
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
import java.util.Random;
import java.util.SplittableRandom;

/**
 * From datasets on disk to token shards: loads the training splits, holds out a seeded validation
 * part of each (by database), mixes the rest by the configured weights, applies the configured
 * augmentations to training examples, encodes each with {@link ExampleEncoder} (linking, markers,
 * pruning to the budget, normalized SQL: see {@link PromptEncoder}), and
 * writes {@code train-*.vshard}, {@code validation-*.vshard} and {@code stats.json}.
 */
public final class Preprocessor {
    public static final int EXAMPLES_PER_SHARD = 50_000;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final DataConfig config;
    private final String source;
    private final BpeTokenizer tokenizer;
    private final long seed;
    private final PrintStream log;
    private boolean progress = true;
    private int examplesPerShard = EXAMPLES_PER_SHARD;
    private boolean augment = true;

    /** @param source where the config came from, recorded in stats.json */
    public Preprocessor(DataConfig config, String source, BpeTokenizer tokenizer, long seed, PrintStream log) {
        this.config = config;
        this.source = source;
        this.tokenizer = tokenizer;
        this.seed = seed;
        this.log = log;
    }

    public Preprocessor quiet() { progress = false; return this; }
    public Preprocessor examplesPerShard(int n) { examplesPerShard = n; return this; }

    /** Whether training examples get the config's data.augmentation (default true; validation never does). */
    public Preprocessor augment(boolean on) { augment = on; return this; }

    /** Runs the whole pipeline; returns the statistics also written to {@code out/stats.json}. */
    public ObjectNode run(TrainingData data, Path out) throws IOException {
        double fraction = config.validationFraction();
        Map<String, Double> weights = DatasetMixture.renormalize(config.mixture(), data.examples().keySet());

        Map<String, List<Example>> train = new LinkedHashMap<>();
        List<Example> validation = new ArrayList<>();
        for (var e : data.examples().entrySet()) {
            ValidationSplit.Split s = ValidationSplit.split(e.getValue(), fraction, seed);
            train.put(e.getKey(), s.train());
            validation.addAll(s.validation());
        }
        AugmentationConfig augmentation = augment ? config.augmentation() : AugmentationConfig.none();
        int drawn = train.values().stream().mapToInt(List::size).sum() * augmentation.copies();
        List<Example> mixed = DatasetMixture.mix(train, weights, seed, drawn);
        log.printf("mixture of %d training examples %s; %d held out for validation%n", mixed.size(), weights, validation.size());

        PromptOptions promptOptions = config.prompt();
        SerializationOptions options = promptOptions.schema();
        ExampleEncoder encoder = new ExampleEncoder(tokenizer, promptOptions);
        SplitStats trainStats = new SplitStats(), validationStats = new SplitStats();
        List<Path> shards = new ArrayList<>();
        shards.addAll(write(mixed, "train", data, options, encoder, augmentation, trainStats, out));
        shards.addAll(write(validation, "validation", data, options, encoder, AugmentationConfig.none(), validationStats, out));

        ObjectNode stats = JSON.createObjectNode();
        stats.put("config", source);
        stats.put("seed", seed);
        stats.put("vocab_size", tokenizer.vocabSize());
        stats.put("validation_fraction", fraction);
        stats.put("augmentation", augment);
        ObjectNode format = stats.putObject("format");
        format.put("question_in_encoder", promptOptions.questionInEncoder());
        format.put("question_in_decoder", promptOptions.questionInDecoder());
        format.put("normalize_sql", promptOptions.normalizeSql());
        format.put("schema_in_decoder", promptOptions.schemaInDecoder());
        format.put("name_markers", options.nameMarkers());
        format.put("max_schema_tokens", promptOptions.limits().maxSchemaTokens());
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

    /**
     * Encodes one split database by database (each schema and value index is built once) and writes
     * it. With augmentation, every drawn example (each repeat of an oversampled one too) gets its own
     * seeded draw of the augmentations; without, repeats are encoded once.
     */
    private List<Path> write(List<Example> examples, String split, TrainingData data, SerializationOptions options,
                             ExampleEncoder encoder, AugmentationConfig augmentation, SplitStats stats, Path out) throws IOException {
        Map<String, List<Example>> byDatabase = new LinkedHashMap<>();
        for (Example x : examples) byDatabase.computeIfAbsent(x.dataset() + "\u0000" + x.dbId(), k -> new ArrayList<>()).add(x);
        SchemaSource source = new SchemaSource(ValueIndex.DEFAULT_MAX_DISTINCT);
        // every schema first: augmentation borrows tables from the other databases of the same dataset
        Map<String, DatabaseSchema> schemas = new HashMap<>();
        Map<String, Map<String, DatabaseSchema>> schemasByDataset = new LinkedHashMap<>();
        for (var e : byDatabase.entrySet()) {
            Example first = e.getValue().getFirst();
            Optional<DatabaseSchema> s = source.schema(data.loaders().get(first.dataset()), first.dbId());
            if (s.isEmpty() || s.get().tables().isEmpty()) {
                if (s.isEmpty() && source.lastProblem().equals(SchemaSource.MISSING)) stats.missingDatabase(first.dataset(), e.getValue().size());
                else stats.unreadableDatabase(first.dataset(), e.getValue().size());
                continue;
            }
            schemas.put(e.getKey(), s.get());
            schemasByDataset.computeIfAbsent(first.dataset(), k -> new HashMap<>()).put(first.dbId(), s.get());
        }
        boolean augmenting = augmentation.changesExamples();
        GroupValueSource groupValues = new GroupValueSource();
        Map<String, Augmenter> augmenters = new HashMap<>();
        if (augmenting) schemasByDataset.forEach((ds, m) -> augmenters.put(ds, new Augmenter(augmentation, m, groupValues)));

        try (ShardWriter writer = new ShardWriter(out, split, tokenizer.vocabSize(), examplesPerShard);
             ProgressBar bar = progress ? new ProgressBarBuilder().setTaskName(split).setInitialMax(examples.size())
                     .setStyle(ProgressBarStyle.ASCII).continuousUpdate().build() : null) {
            if (bar != null) bar.stepBy(examples.size() - byDatabase.entrySet().stream()
                    .filter(e -> schemas.containsKey(e.getKey())).mapToInt(e -> e.getValue().size()).sum());
            for (var entry : byDatabase.entrySet()) {
                DatabaseSchema schema = schemas.get(entry.getKey());
                if (schema == null) continue;
                List<Example> group = entry.getValue();
                Example first = group.getFirst();
                DatasetLoader loader = data.loaders().get(first.dataset());
                ValueIndex values = options.valueLinking() ? source.values(loader, first.dbId(), schema) : null;
                Optional<Path> file = loader.databases().sqlitePath(first.dbId());
                Map<String, ExampleEncoder.Result> done = new HashMap<>();
                Map<String, Integer> drawn = new HashMap<>();
                try (SqliteValueSource dbValues = new SqliteValueSource(id -> file.orElse(null))) {
                    groupValues.current = dbValues;
                    for (Example x : group) {
                        ExampleEncoder.Result r;
                        if (augmenting) {
                            int occurrence = drawn.merge(x.id(), 1, Integer::sum);
                            // mixed, not summed: java.util.Random's first draws barely differ for seeds 1 apart,
                            // so copies of an example would otherwise share their first augmentation decision
                            Random rng = new Random(new SplittableRandom(seed * 1_000_003L + x.id().hashCode() * 31L + occurrence).nextLong());
                            AugmentedExample a = augmenters.get(x.dataset()).augment(x, schema, rng);
                            stats.augmented(a.applied());
                            r = encoder.encode(a.example(), a.schema(), values);
                        } else {
                            r = done.computeIfAbsent(x.id(), id -> encoder.encode(x, schema, values));
                        }
                        stats.record(r);
                        if (r.example().isPresent()) writer.write(r.example().get());
                        if (bar != null) bar.step();
                    }
                } finally {
                    groupValues.current = null;
                }
            }
            writer.close();
            return writer.shards();
        }
    }

    /** The value source of the database being encoded (value substitution only reads the example's own). */
    private static final class GroupValueSource implements ValueSource {
        ValueSource current;

        @Override public List<String> values(String dbId, String table, String column, boolean numeric, int limit) {
            return current == null ? List.of() : current.values(dbId, table, column, numeric, limit);
        }
    }
}
