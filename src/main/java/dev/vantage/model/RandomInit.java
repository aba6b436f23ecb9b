package dev.vantage.model;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The random initialisation of a model: ones for norms (rank 1), Normal(0, std) otherwise, drawn from
 * (seed, tensor index) alone, so a model initialised in memory ({@link VantageModel#initRandom}) and one
 * streamed to disk tensor by tensor ({@link Checkpoint#writeRandom}) get the same weights.
 */
final class RandomInit {
    private RandomInit() {}

    /** Fills tensor number {@code index} (in {@link ModelLayout} order) of a model seeded with {@code seed}. */
    static void fill(long seed, int index, int rank, double std, float[] dst) {
        if (rank == 1) { Arrays.fill(dst, 1f); return; }
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        for (int i = 0; i < dst.length; i++) {
            double u = 1 - r.nextDouble(), v = r.nextDouble();
            dst[i] = (float) (Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v) * std);
        }
    }
}
