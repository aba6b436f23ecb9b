package dev.vantage.model;

/**
 * The packed rows of one sequence kind in a {@link Batch} (schema or decoder tokens): where each
 * row starts and how long it is, and each token's position within its row.
 *
 * @param tokens all rows' tokens together
 * @param start  [rows] first packed index of each row
 * @param len    [rows] tokens of each row
 * @param pos    [tokens] position of each token within its row (RoPE)
 */
record Rows(int tokens, int[] start, int[] len, int[] pos) {}
