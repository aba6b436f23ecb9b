package dev.vantage.data.augment;

import com.fasterxml.jackson.databind.JsonNode;

/** Probabilities of each augmentation, from a config's {@code data.augmentation} section. */
public record AugmentationConfig(double schemaShuffleProb, double dropIrrelevantTableProb,
                                 double addIrrelevantTableProb, double valueSubstitutionProb) {
    public AugmentationConfig {
        check("schema_shuffle_prob", schemaShuffleProb);
        check("drop_irrelevant_table_prob", dropIrrelevantTableProb);
        check("add_irrelevant_table_prob", addIrrelevantTableProb);
        check("value_substitution_prob", valueSubstitutionProb);
    }

    public static AugmentationConfig none() {
        return new AugmentationConfig(0, 0, 0, 0);
    }

    /** Reads {@code augmentation.*} of the data section; absent keys mean 0 (that augmentation off). */
    public static AugmentationConfig fromConfig(JsonNode dataSection) {
        JsonNode a = dataSection.path("augmentation");
        return new AugmentationConfig(
                a.path("schema_shuffle_prob").asDouble(0),
                a.path("drop_irrelevant_table_prob").asDouble(0),
                a.path("add_irrelevant_table_prob").asDouble(0),
                a.path("value_substitution_prob").asDouble(0));
    }

    private static void check(String key, double p) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("data.augmentation." + key + " must be in [0, 1], got " + p);
    }
}
