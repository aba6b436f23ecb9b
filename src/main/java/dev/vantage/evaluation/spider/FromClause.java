package dev.vantage.evaluation.spider;

import java.util.List;

/** Table units and the JOIN ... ON conditions, all joined with "and". */
public record FromClause(List<TableUnit> tableUnits, Condition conds) {
    public FromClause {
        tableUnits = List.copyOf(tableUnits);
    }
}
