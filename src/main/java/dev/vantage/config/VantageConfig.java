package dev.vantage.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vantage.data.preprocess.DataConfig;
import dev.vantage.evaluation.EvaluationConfig;
import dev.vantage.inference.InferenceConfig;
import dev.vantage.model.ModelConfig;
import dev.vantage.training.TrainingConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A configuration file ({@code configs/*.yaml}, or a model directory's {@code vantage.yaml}), read and
 * checked in this one place: every section and key must be known (a typo fails with the file and the
 * key named, instead of being silently ignored), and each section becomes the typed record of the stage
 * that owns it. This package sits above the stages for that reason; nothing below it imports it.
 *
 * @param root the file as read, for copying it beside a trained model
 */
public record VantageConfig(String source, ModelConfig model, TrainingConfig training, DataConfig data,
                            InferenceConfig inference, EvaluationConfig evaluation, JsonNode root) {
    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** The file a model directory carries: the config it was trained with. */
    public static final String MODEL_DIR_FILE = "vantage.yaml";

    /** Each section's known keys (data.mixture takes dataset names, so its keys are free). */
    private static final Map<String, Set<String>> SECTIONS = Map.of("model", ModelConfig.KEYS, "training", TrainingConfig.KEYS,
            "data", DataConfig.KEYS, "inference", InferenceConfig.KEYS, "evaluation", EvaluationConfig.KEYS);
    private static final Map<String, Set<String>> SUBSECTIONS = Map.of("data.schema", DataConfig.SCHEMA_KEYS,
            "data.augmentation", DataConfig.AUGMENTATION_KEYS);

    /** {@code data.tokenizer_vocab_size}, or the model's {@code vocab_size} when the config leaves it out. */
    public int tokenizerVocabSize() {
        return data.tokenizerVocabSize() > 0 ? data.tokenizerVocabSize() : model.vocabSize();
    }

    /** Loads a config by name ({@code tiny}, {@code small}, ...: the bundled copy) or by path. */
    public static VantageConfig load(String nameOrPath) {
        Path p = Path.of(nameOrPath);
        try {
            if (Files.isRegularFile(p)) {
                try (InputStream in = Files.newInputStream(p)) { return parse(p.toString(), in, true); }
            }
            Path local = Path.of("configs", nameOrPath + ".yaml");
            if (Files.isRegularFile(local)) {
                try (InputStream in = Files.newInputStream(local)) { return parse(local.toString(), in, true); }
            }
            InputStream bundled = VantageConfig.class.getResourceAsStream("/configs/" + nameOrPath + ".yaml");
            if (bundled != null) {
                try (bundled) { return parse("configs/" + nameOrPath + ".yaml (bundled)", bundled, true); }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config " + nameOrPath + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("no config named '" + nameOrPath + "': give a path to a YAML file or one of "
                + "tiny, small, medium, large, bench-tiny, spider-tiny");
    }

    /**
     * A model directory's {@code vantage.yaml}, with every section optional and the defaults when the
     * file is absent. {@link #model()} is null unless the file has a model section ({@code config.json}
     * is what describes the weights).
     */
    public static VantageConfig ofModelDirectory(Path dir) {
        Path f = dir.resolve(MODEL_DIR_FILE);
        if (!Files.isRegularFile(f)) return parse(f + " (absent)", MissingNode.getInstance(), false);
        try (InputStream in = Files.newInputStream(f)) {
            return parse(f.toString(), in, false);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    static VantageConfig parse(String source, InputStream in, boolean modelRequired) {
        JsonNode root;
        try {
            root = YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        return parse(source, root == null ? MissingNode.getInstance() : root, modelRequired);
    }

    private static VantageConfig parse(String source, JsonNode root, boolean modelRequired) {
        if (!root.isMissingNode() && !root.isObject()) throw new IllegalArgumentException(source + ": expected sections (model:, training:, ...)");
        checkKeys(source, "", root, SECTIONS.keySet());
        SECTIONS.forEach((name, keys) -> checkKeys(source, name + ".", root.path(name), keys));
        SUBSECTIONS.forEach((name, keys) -> checkKeys(source, name + ".", root.path("data").path(name.substring(5)), keys));
        if (modelRequired && !root.has("model")) throw new IllegalArgumentException(source + ": no 'model' section");
        ModelConfig model = root.has("model") ? section(source, root, "model", n -> {
            try {
                return YAML.treeToValue(n, ModelConfig.class);
            } catch (IOException e) {
                // the constructor's own message (e.g. "model config: hidden_size = ...") is in the cause
                String why = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
                throw new IllegalArgumentException(why.lines().findFirst().orElse(why), e);
            }
        }) : null;
        return new VantageConfig(source, model, section(source, root, "training", TrainingConfig::from),
                section(source, root, "data", DataConfig::from), section(source, root, "inference", InferenceConfig::from),
                section(source, root, "evaluation", EvaluationConfig::from), root);
    }

    /** One section through its owner's parser; a bad value is reported with the file it came from. */
    private static <T> T section(String source, JsonNode root, String name, Function<JsonNode, T> parser) {
        try {
            return parser.apply(root.path(name));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static void checkKeys(String source, String prefix, JsonNode node, Set<String> known) {
        if (node.isMissingNode() || node.isNull()) return;
        if (!node.isObject()) throw new IllegalArgumentException(source + ": " + prefix.replaceAll("\\.$", "") + " must be a mapping of keys");
        for (String k : (Iterable<String>) node::fieldNames) {
            if (!known.contains(k)) {
                throw new IllegalArgumentException(source + ": unknown " + (prefix.isEmpty() ? "section " : "key ") + prefix + k
                        + " (known: " + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
    }
}
