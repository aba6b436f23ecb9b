package dev.vantage.data.augment;

/**
 * Probabilities of each augmentation, from a config's {@code data.augmentation} section, and how
 * many augmented copies of each training example the shards hold (each its own draw).
 * {@code inventedNameShare}: of the names renaming changes, the share given a name composed of
 * words rather than borrowed whole ({@link NameSubstitution.Pool#inventedShare}).
 */
public record AugmentationConfig(double schemaShuffleProb, double dropIrrelevantTableProb,
                                 double addIrrelevantTableProb, double valueSubstitutionProb,
                                 double nameSubstitutionProb, double inventedNameShare, int copies) {
    public AugmentationConfig {
        check("schema_shuffle_prob", schemaShuffleProb);
        check("drop_irrelevant_table_prob", dropIrrelevantTableProb);
        check("add_irrelevant_table_prob", addIrrelevantTableProb);
        check("value_substitution_prob", valueSubstitutionProb);
        check("name_substitution_prob", nameSubstitutionProb);
        check("invented_name_share", inventedNameShare);
        if (copies < 1) throw new IllegalArgumentException("data.augmentation.copies must be at least 1, got " + copies);
    }

    public AugmentationConfig(double schemaShuffleProb, double dropIrrelevantTableProb, double addIrrelevantTableProb,
                              double valueSubstitutionProb) {
        this(schemaShuffleProb, dropIrrelevantTableProb, addIrrelevantTableProb, valueSubstitutionProb, 0, 0, 1);
    }

    public static AugmentationConfig none() {
        return new AugmentationConfig(0, 0, 0, 0);
    }

    /** Whether any augmentation can change an example. */
    public boolean changesExamples() {
        return schemaShuffleProb > 0 || dropIrrelevantTableProb > 0 || addIrrelevantTableProb > 0
                || valueSubstitutionProb > 0 || nameSubstitutionProb > 0;
    }

    private static void check(String key, double p) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("data.augmentation." + key + " must be in [0, 1], got " + p);
    }
}
