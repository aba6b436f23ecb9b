package dev.vantage.evaluation.spider;

/**
 * One comparison: {@code (not_op, op_id, val_unit, val1, val2)}.
 *
 * @param val1 a Double, a quoted String, a {@link ColUnit}, a nested {@link SpiderSql}, or null once
 *             values are disregarded (subqueries are kept)
 */
public record CondUnit(boolean not, int op, ValUnit valUnit, Object val1, Object val2) {}
