package dev.vantage.evaluation.spider;

import java.util.List;

/** {@code (isDistinct, [(agg_id, val_unit), ...])}; distinct is null once disregarded. */
public record SelectClause(Boolean distinct, List<SelectItem> items) {
    public SelectClause {
        items = List.copyOf(items);
    }
}
