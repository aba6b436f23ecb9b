package dev.vantage.model;

/**
 * Where a model's weights come from while it is built, asked once per tensor of its
 * {@link ModelLayout} in checkpoint order: zeros, a checkpoint's values, or mapped bf16 matrices.
 * After that the model never replaces a weight.
 */
@FunctionalInterface
interface WeightSource {
    Param load(int index, ModelLayout.Tensor tensor);
}
