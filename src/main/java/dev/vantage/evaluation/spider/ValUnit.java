package dev.vantage.evaluation.spider;

/** {@code col1 op col2} or a single column: {@code (unit_op, col_unit1, col_unit2)}. */
public record ValUnit(int unitOp, ColUnit col1, ColUnit col2) {}
