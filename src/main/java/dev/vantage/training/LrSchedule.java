package dev.vantage.training;

import java.util.Locale;

/** Learning rate per step: linear warm-up to the peak, then constant, linear or cosine decay to the minimum. */
public record LrSchedule(Kind kind, double peak, double min, int warmup, int total) {
    public enum Kind {
        COSINE, LINEAR, CONSTANT;

        static Kind parse(String s) {
            try {
                return valueOf(s.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("training.schedule = " + s + ": must be cosine, linear or constant");
            }
        }
    }

    public static LrSchedule of(TrainingConfig c) {
        return new LrSchedule(c.schedule(), c.learningRate(), c.minLearningRate(), c.warmupSteps(), c.maxSteps());
    }

    /** The rate for 0-based step {@code step}. */
    public double at(int step) {
        if (step < warmup) return peak * (step + 1) / warmup;
        if (kind == Kind.CONSTANT) return peak;
        double progress = total <= warmup ? 1 : Math.min(1, (double) (step - warmup) / (total - warmup));
        double shape = kind == Kind.COSINE ? 0.5 * (1 + Math.cos(Math.PI * progress)) : 1 - progress;
        return min + (peak - min) * shape;
    }
}
