package dev.vantage.training;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;

/**
 * The {@code training} section of a config, typed and checked: every number in range (the config
 * loader checks the keys against {@link #KEYS}), so a typo fails before hours of compute rather than
 * being silently ignored.
 */
public record TrainingConfig(int batchSize, int gradientAccumulationSteps, double learningRate, double minLearningRate,
                             int warmupSteps, int maxSteps, LrSchedule.Kind schedule, double weightDecay,
                             double adamBeta1, double adamBeta2, double adamEps, double gradClip,
                             int evalEvery, int evalExamples, int checkpointEvery, int keepCheckpoints, int logEvery,
                             long seed, double initStd) {

    public static final Set<String> KEYS = Set.of("batch_size", "gradient_accumulation_steps", "learning_rate",
            "min_learning_rate", "warmup_steps", "max_steps", "schedule", "weight_decay", "adam_beta1", "adam_beta2",
            "adam_eps", "grad_clip", "eval_every", "eval_examples", "checkpoint_every", "keep_checkpoints", "log_every",
            "seed", "init_std");

    public static TrainingConfig from(JsonNode s) {
        TrainingConfig c = new TrainingConfig(
                s.path("batch_size").asInt(16), s.path("gradient_accumulation_steps").asInt(1),
                s.path("learning_rate").asDouble(3e-4), s.path("min_learning_rate").asDouble(3e-5),
                s.path("warmup_steps").asInt(200), s.path("max_steps").asInt(20000),
                LrSchedule.Kind.parse(s.path("schedule").asText("cosine")), s.path("weight_decay").asDouble(0.1),
                s.path("adam_beta1").asDouble(0.9), s.path("adam_beta2").asDouble(0.95), s.path("adam_eps").asDouble(1e-8),
                s.path("grad_clip").asDouble(1.0), s.path("eval_every").asInt(500), s.path("eval_examples").asInt(512),
                s.path("checkpoint_every").asInt(500), s.path("keep_checkpoints").asInt(2), s.path("log_every").asInt(10),
                s.path("seed").asLong(1234), s.path("init_std").asDouble(0.02));
        c.validate();
        return c;
    }

    public TrainingConfig withMaxSteps(int steps) {
        return new TrainingConfig(batchSize, gradientAccumulationSteps, learningRate, minLearningRate, Math.min(warmupSteps, steps), steps,
                schedule, weightDecay, adamBeta1, adamBeta2, adamEps, gradClip, evalEvery, evalExamples, checkpointEvery,
                keepCheckpoints, logEvery, seed, initStd);
    }

    private void validate() {
        positive("batch_size", batchSize);
        positive("gradient_accumulation_steps", gradientAccumulationSteps);
        positive("max_steps", maxSteps);
        positive("eval_every", evalEvery);
        positive("checkpoint_every", checkpointEvery);
        positive("keep_checkpoints", keepCheckpoints);
        positive("log_every", logEvery);
        if (evalExamples < 0) throw bad("eval_examples", evalExamples, "0 or more");
        if (warmupSteps < 0) throw bad("warmup_steps", warmupSteps, "0 or more");
        if (!(learningRate > 0 && learningRate < 1)) throw bad("learning_rate", learningRate, "in (0, 1)");
        if (!(minLearningRate >= 0 && minLearningRate <= learningRate)) throw bad("min_learning_rate", minLearningRate, "in [0, learning_rate]");
        if (!(weightDecay >= 0 && weightDecay < 1)) throw bad("weight_decay", weightDecay, "in [0, 1)");
        if (!(adamBeta1 >= 0 && adamBeta1 < 1)) throw bad("adam_beta1", adamBeta1, "in [0, 1)");
        if (!(adamBeta2 >= 0 && adamBeta2 < 1)) throw bad("adam_beta2", adamBeta2, "in [0, 1)");
        if (!(adamEps > 0)) throw bad("adam_eps", adamEps, "above 0");
        if (!(gradClip >= 0)) throw bad("grad_clip", gradClip, "0 (off) or more");
        if (!(initStd > 0 && initStd < 1)) throw bad("init_std", initStd, "in (0, 1)");
    }

    private static void positive(String key, long v) { if (v <= 0) throw bad(key, v, "at least 1"); }

    private static IllegalArgumentException bad(String key, Object v, String expected) {
        return new IllegalArgumentException("training." + key + " = " + v + ": must be " + expected);
    }
}
