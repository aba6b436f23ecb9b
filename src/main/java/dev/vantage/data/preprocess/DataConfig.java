package dev.vantage.data.preprocess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.vantage.data.augment.AugmentationConfig;
import dev.vantage.data.dataset.DatasetMixture;
import dev.vantage.data.schema.SerializationOptions;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code data} section of a config, typed: how examples become model input ({@link PromptOptions}),
 * the tokenizer size, the dataset mixture, the validation split and the augmentations. Keys are
 * checked against {@link #KEYS} (and {@link #SCHEMA_KEYS}, {@link #AUGMENTATION_KEYS}) by the config
 * loader; values are checked here.
 *
 * @param tokenizerVocabSize {@code tokenizer_vocab_size}: tokens of a tokenizer trained by {@code preprocess};
 *                           0 (absent) = the model's vocab_size
 * @param mixture            {@code mixture}: weight per dataset name (datasets absent on disk get none)
 */
public record DataConfig(PromptOptions prompt, int tokenizerVocabSize, Map<String, Double> mixture,
                         double validationFraction, AugmentationConfig augmentation) {
    public static final Set<String> KEYS = Set.of("max_question_tokens", "max_sql_tokens", "max_schema_tokens",
            "question_in_encoder", "question_in_decoder", "normalize_sql", "schema_in_decoder", "tokenizer_vocab_size", "mixture",
            "validation_fraction", "schema", "augmentation");
    public static final Set<String> SCHEMA_KEYS = Set.of("column_types", "key_markers", "value_linking",
            "max_values_per_column", "descriptions", "name_markers");
    public static final Set<String> AUGMENTATION_KEYS = Set.of("schema_shuffle_prob", "drop_irrelevant_table_prob",
            "add_irrelevant_table_prob", "value_substitution_prob", "name_substitution_prob", "invented_name_share", "copies");

    public DataConfig {
        if (tokenizerVocabSize < 0) throw new IllegalArgumentException("data.tokenizer_vocab_size = " + tokenizerVocabSize + ": must be 0 (the model's) or more");
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("data.validation_fraction = " + validationFraction + ": must be in [0, 1)");
        }
        mixture = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(mixture));   // in the config's order
    }

    /** What an absent section means. */
    public static DataConfig defaults() { return from(MissingNode.getInstance()); }

    /** The section's values; absent keys take the defaults (augmentations absent = off). */
    public static DataConfig from(JsonNode data) {
        SerializationOptions d = SerializationOptions.defaults();
        JsonNode s = data.path("schema");
        SerializationOptions schema = new SerializationOptions(
                s.path("column_types").asBoolean(d.columnTypes()),
                s.path("key_markers").asBoolean(d.keyMarkers()),
                s.path("value_linking").asBoolean(d.valueLinking()),
                s.path("max_values_per_column").asInt(d.maxValuesPerColumn()),
                s.path("descriptions").asBoolean(d.descriptions()),
                s.path("name_markers").asBoolean(d.nameMarkers()));
        EncodingLimits limits = new EncodingLimits(data.path("max_question_tokens").asInt(64),
                data.path("max_sql_tokens").asInt(192), data.path("max_schema_tokens").asInt(512));
        PromptOptions prompt = new PromptOptions(schema, limits, data.path("question_in_encoder").asBoolean(true),
                data.path("question_in_decoder").asBoolean(true), data.path("normalize_sql").asBoolean(true),
                data.path("schema_in_decoder").asBoolean(false));
        JsonNode a = data.path("augmentation");
        AugmentationConfig augmentation = new AugmentationConfig(a.path("schema_shuffle_prob").asDouble(0),
                a.path("drop_irrelevant_table_prob").asDouble(0), a.path("add_irrelevant_table_prob").asDouble(0),
                a.path("value_substitution_prob").asDouble(0), a.path("name_substitution_prob").asDouble(0),
                a.path("invented_name_share").asDouble(0), a.path("copies").asInt(1));
        return new DataConfig(prompt, data.path("tokenizer_vocab_size").asInt(0), mixture(data.path("mixture")),
                data.path("validation_fraction").asDouble(0.05), augmentation);
    }

    /** {@code mixture: {name: weight}}, or the default weights when absent or empty. */
    private static Map<String, Double> mixture(JsonNode m) {
        if (!m.isObject() || m.isEmpty()) return DatasetMixture.DEFAULT_WEIGHTS;
        Map<String, Double> out = new LinkedHashMap<>();
        for (var e : m.properties()) {
            if (!e.getValue().isNumber() || e.getValue().asDouble() < 0) {
                throw new IllegalArgumentException("data.mixture." + e.getKey() + ": expected a weight >= 0, found " + e.getValue());
            }
            out.put(e.getKey(), e.getValue().asDouble());
        }
        return out;
    }
}
