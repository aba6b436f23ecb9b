package dev.vantage.data.augment;

import dev.vantage.data.Example;
import dev.vantage.data.schema.DatabaseSchema;

import java.util.List;

/**
 * An example after augmentation, with the schema to show the model for it.
 *
 * @param applied the augmentations applied, in order (empty when none)
 */
public record AugmentedExample(Example example, DatabaseSchema schema, List<String> applied) {
    public AugmentedExample {
        applied = List.copyOf(applied);
    }
}
