package dev.vantage.evaluation.bird;

import java.util.ArrayList;
import java.util.List;

/**
 * BIRD's reward-based valid efficiency score (R-VES, mini-dev evaluation_ves.py): a correct prediction
 * earns a reward by how its run time compares to the gold query's (time ratio = gold time / predicted
 * time, averaged over repeated runs after dropping outliers beyond three standard deviations), and the
 * score is the mean of sqrt(reward) * 100.
 */
public final class VesReward {
    private VesReward() {
    }

    /** The reward buckets; 0 for a wrong (or unmeasurable) prediction. */
    public static double reward(double timeRatio) {
        if (timeRatio == 0) {
            return 0;
        }
        if (timeRatio >= 2) {
            return 1.25;
        }
        if (timeRatio >= 1) {
            return 1;
        }
        if (timeRatio >= 0.5) {
            return 0.75;
        }
        if (timeRatio >= 0.25) {
            return 0.5;
        }
        return 0.25;
    }

    /**
     * Mean of the ratios strictly within mean +- 3 population standard deviations. As in the official
     * code, if none is (all ratios identical, so the deviation is 0) there is no mean: the official run
     * fails there and scores the question 0, and so does this, by returning 0.
     */
    public static double timeRatio(List<Double> ratios) {
        double mean = ratios.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        double variance = ratios.stream().mapToDouble(r -> (r - mean) * (r - mean)).average().orElse(0);
        double std = Math.sqrt(variance);
        List<Double> kept = new ArrayList<>();
        for (double r : ratios) {
            if (r < mean + 3 * std && r > mean - 3 * std) {
                kept.add(r);
            }
        }
        if (kept.isEmpty()) {
            return 0;
        }
        double sum = 0;
        for (double r : kept) {
            sum += r;
        }
        return sum / kept.size();
    }

    /** mean(sqrt(reward) * 100) over questions. */
    public static double score(List<Double> rewards) {
        if (rewards.isEmpty()) {
            return 0;
        }
        double total = 0;
        for (double reward : rewards) {
            total += Math.sqrt(reward) * 100;
        }
        return total / rewards.size();
    }
}
