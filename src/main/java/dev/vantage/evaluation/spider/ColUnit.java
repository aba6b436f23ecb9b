package dev.vantage.evaluation.spider;

/**
 * A column with its aggregate: {@code (agg_id, col_id, isDistinct)} in the official code.
 *
 * @param agg      index into {@link SpiderGrammar#AGG_OPS}
 * @param colId    {@code __table.column__}, or {@code __all__} for *
 * @param distinct null once DISTINCT is disregarded (the official evaluation's default)
 */
public record ColUnit(int agg, String colId, Boolean distinct) {
    ColUnit withColId(String id) {
        return new ColUnit(agg, id, distinct);
    }
}
