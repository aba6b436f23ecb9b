package dev.vantage.evaluation.spider;

/** {@code (agg_id, val_unit)}: a SELECT item with an aggregate written outside the value unit. */
public record SelectItem(int agg, ValUnit valUnit) {}
