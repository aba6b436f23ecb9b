package dev.vantage.training;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What besides weights and moments a checkpoint needs to continue exactly: the step, the data
 * position, the optimizer's update count, the best selection figure so far (validation loss, or minus
 * the evaluator's figure such as dev execution accuracy: lower is better either way). Dropout draws are
 * seeded from (seed, step), so no RNG state needs saving.
 */
public record TrainerState(@JsonProperty("step") int step,
                           @JsonProperty("epoch") int epoch,
                           @JsonProperty("cursor") int cursor,
                           @JsonProperty("adam_steps") long adamSteps,
                           @JsonProperty("best_validation_loss") double bestValidationLoss,
                           @JsonProperty("best_step") int bestStep,
                           @JsonProperty("threads") int threads,
                           @JsonProperty("seed") long seed) {
}
