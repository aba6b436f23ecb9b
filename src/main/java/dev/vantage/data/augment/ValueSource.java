package dev.vantage.data.augment;

import java.util.List;

/** Where replacement values come from: the distinct values a database holds in a column. */
public interface ValueSource {
    /**
     * Up to {@code limit} distinct values of {@code table.column} in a stable order: numbers only
     * when {@code numeric}, else short text values.
     */
    List<String> values(String dbId, String table, String column, boolean numeric, int limit);
}
