package dev.vantage.data.schema;

import java.util.List;
import java.util.Optional;

/** A table and its columns, in database order. */
public record Table(String name, List<Column> columns) {
    public Table {
        columns = List.copyOf(columns);
    }

    /** The column of that name, ignoring case. */
    public Optional<Column> column(String columnName) {
        for (Column c : columns) if (c.name().equalsIgnoreCase(columnName)) return Optional.of(c);
        return Optional.empty();
    }

    public List<Column> primaryKey() {
        return columns.stream().filter(Column::primaryKey).toList();
    }
}
