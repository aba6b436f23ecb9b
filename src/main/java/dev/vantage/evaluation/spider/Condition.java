package dev.vantage.evaluation.spider;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code [cond_unit, 'and'/'or', cond_unit, ...]} kept as the official parser builds it: units at even
 * positions, connectors at odd ones. The official parser also accepts two comparisons with no connector
 * between them, which puts a comparison at an odd position; that is kept as it is, since the scores
 * compare those lists as they are.
 */
public record Condition(List<Object> items) {
    public static final Condition EMPTY = new Condition(List.of());

    public Condition {
        items = List.copyOf(items);
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public int size() {
        return items.size();
    }

    /** {@code conds[::2]}. */
    public List<Object> evenItems() {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i += 2) {
            out.add(items.get(i));
        }
        return out;
    }

    /** The comparisons, {@code conds[::2]}; parsing guarantees these are {@link CondUnit}s. */
    public List<CondUnit> units() {
        return evenItems().stream().map(CondUnit.class::cast).toList();
    }

    /** {@code conds[1::2]}: usually "and"/"or" strings. */
    public List<Object> connectors() {
        List<Object> out = new ArrayList<>();
        for (int i = 1; i < items.size(); i += 2) {
            out.add(items.get(i));
        }
        return out;
    }
}
