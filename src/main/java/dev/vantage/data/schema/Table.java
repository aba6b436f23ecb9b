package dev.vantage.data.schema;

import java.util.List;

/** A table and its columns, in database order. */
public record Table(String name, List<Column> columns) {
    public Table {
        columns = List.copyOf(columns);
    }
}
