package dev.vantage.evaluation.spider;

import java.util.List;

/** {@code ('asc'/'desc', [val_unit, ...])}: one direction for all keys, the last one written. */
public record OrderBy(String direction, List<ValUnit> units) {
    public OrderBy {
        units = List.copyOf(units);
    }
}
