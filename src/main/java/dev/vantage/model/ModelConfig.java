package dev.vantage.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.lang.reflect.RecordComponent;
import java.util.Set;
import java.util.TreeSet;

/**
 * The model's hyper-parameters, with the exact {@code config.json} keys of spec/MODEL.md.
 * Unknown keys are ignored here so that a {@code config.json} written by a newer version still loads;
 * a YAML config's {@code model} section is checked against {@link #KEYS} where it is read.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelConfig(
        @JsonProperty("model_type") String modelType,
        @JsonProperty("vocab_size") int vocabSize,
        @JsonProperty("hidden_size") int hiddenSize,
        @JsonProperty("num_hidden_layers") int numHiddenLayers,
        @JsonProperty("num_attention_heads") int numAttentionHeads,
        @JsonProperty("num_key_value_heads") int numKeyValueHeads,
        @JsonProperty("num_local_experts") int numLocalExperts,
        @JsonProperty("num_experts_per_tok") int numExpertsPerTok,
        @JsonProperty("moe_intermediate_size") int moeIntermediateSize,
        @JsonProperty("capacity_factor") double capacityFactor,
        @JsonProperty("router_aux_loss_coef") double routerAuxLossCoef,
        @JsonProperty("router_z_loss_coef") double routerZLossCoef,
        @JsonProperty("schema_encoder_layers") int schemaEncoderLayers,
        @JsonProperty("schema_intermediate_size") int schemaIntermediateSize,
        @JsonProperty("cross_attention_interval") int crossAttentionInterval,
        @JsonProperty("max_position_embeddings") int maxPositionEmbeddings,
        @JsonProperty("rope_theta") double ropeTheta,
        @JsonProperty("rms_norm_eps") double rmsNormEps,
        @JsonProperty("hidden_dropout") double hiddenDropout,
        @JsonProperty("attention_dropout") double attentionDropout,
        @JsonProperty("expert_dropout") double expertDropout,
        @JsonProperty("tie_word_embeddings") Boolean tieWordEmbeddings) {

    /** The keys of the {@code model} section, from the record's own {@code @JsonProperty} names. */
    public static final Set<String> KEYS = keys();

    /** Rejects a config that cannot describe a model, naming the offending key. */
    public ModelConfig {
        if (modelType == null) modelType = "vantage";
        if (!"vantage".equals(modelType)) throw bad("model_type", modelType + " (expected \"vantage\")");
        positive("vocab_size", vocabSize);
        positive("hidden_size", hiddenSize);
        positive("num_hidden_layers", numHiddenLayers);
        positive("num_attention_heads", numAttentionHeads);
        positive("num_key_value_heads", numKeyValueHeads);
        positive("num_local_experts", numLocalExperts);
        positive("num_experts_per_tok", numExpertsPerTok);
        positive("moe_intermediate_size", moeIntermediateSize);
        positive("max_position_embeddings", maxPositionEmbeddings);
        if (hiddenSize % numAttentionHeads != 0) throw bad("hidden_size", hiddenSize + " is not a multiple of num_attention_heads " + numAttentionHeads);
        if (numAttentionHeads % numKeyValueHeads != 0) throw bad("num_key_value_heads", numKeyValueHeads + " does not divide num_attention_heads " + numAttentionHeads);
        if ((hiddenSize / numAttentionHeads) % 2 != 0) throw bad("hidden_size", "head_dim must be even for RoPE");
        if (numExpertsPerTok > numLocalExperts) throw bad("num_experts_per_tok", numExpertsPerTok + " > num_local_experts " + numLocalExperts);
        if (crossAttentionInterval < 0) throw bad("cross_attention_interval", "must be >= 0");
        if (crossAttentionInterval > 0) {
            positive("schema_encoder_layers", schemaEncoderLayers);
            positive("schema_intermediate_size", schemaIntermediateSize);
        }
        if (capacityFactor < 0) throw bad("capacity_factor", "must be >= 0 (0 = dropless)");
        if (ropeTheta == 0) ropeTheta = 10000;
        if (rmsNormEps == 0) rmsNormEps = 1e-5;
        // the LM head is the embedding matrix (ModelLayout has no separate output tensor): untied cannot be honoured
        if (tieWordEmbeddings == null) tieWordEmbeddings = true;
        if (!tieWordEmbeddings) throw bad("tie_word_embeddings", "false (this model always ties the output layer to the embedding; set true)");
    }

    public int headDim() { return hiddenSize / numAttentionHeads; }
    public int kvDim() { return numKeyValueHeads * headDim(); }
    public boolean hasSchemaEncoder() { return crossAttentionInterval > 0; }

    /** Whether decoder layer {@code l} (0-based) has cross-attention to the schema. */
    public boolean hasCrossAttention(int l) {
        return crossAttentionInterval > 0 && (l + 1) % crossAttentionInterval == 0;
    }

    public ModelConfig withCapacityFactor(double cf) {
        return new ModelConfig(modelType, vocabSize, hiddenSize, numHiddenLayers, numAttentionHeads, numKeyValueHeads,
                numLocalExperts, numExpertsPerTok, moeIntermediateSize, cf, routerAuxLossCoef, routerZLossCoef,
                schemaEncoderLayers, schemaIntermediateSize, crossAttentionInterval, maxPositionEmbeddings, ropeTheta,
                rmsNormEps, hiddenDropout, attentionDropout, expertDropout, tieWordEmbeddings);
    }

    private static Set<String> keys() {
        Set<String> keys = new TreeSet<>();
        for (RecordComponent c : ModelConfig.class.getRecordComponents()) keys.add(c.getAccessor().getAnnotation(JsonProperty.class).value());
        return java.util.Collections.unmodifiableSet(keys);
    }

    private static void positive(String key, int v) {
        if (v <= 0) throw bad(key, v + " (must be > 0)");
    }

    private static IllegalArgumentException bad(String key, String why) {
        return new IllegalArgumentException("model config: " + key + " = " + why);
    }
}
