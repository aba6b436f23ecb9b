package dev.vantage.evaluation.spider;

import java.util.List;

/**
 * A query in the official Spider evaluation's structure (process_sql's dict), compared field by field
 * the way the official script compares dicts.
 *
 * @param orderBy null when there is no ORDER BY
 * @param limit   null when there is no LIMIT (the test-suite parser records every LIMIT as 1)
 */
public record SpiderSql(SelectClause select, FromClause from, Condition where, List<ColUnit> groupBy,
                        Condition having, OrderBy orderBy, Integer limit,
                        SpiderSql intersect, SpiderSql except, SpiderSql union) {

    /** What a prediction counts as when the official grammar cannot parse it. */
    public static final SpiderSql EMPTY = new SpiderSql(new SelectClause(false, List.of()),
            new FromClause(List.of(), Condition.EMPTY), Condition.EMPTY, List.of(), Condition.EMPTY,
            null, null, null, null, null);

    public SpiderSql {
        groupBy = List.copyOf(groupBy);
    }
}
