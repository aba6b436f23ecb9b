package dev.vantage.engine.io;

/**
 * Supplies one tensor's values while a checkpoint is streamed to disk, so that only one tensor is in memory at a
 * time. {@code dst.length == spec.numel()}, row-major; the values are converted to {@code spec.dtype()} on write.
 */
@FunctionalInterface
public interface TensorFiller {
    void fill(TensorSpec spec, float[] dst);
}
