package dev.vantage.data.schema;

import java.util.List;
import java.util.Optional;

/**
 * A table and its columns, in database order. {@code description} is documentation or a readable
 * name (Spider's {@code table_names}, e.g. "takes classes" for {@code takes}); empty when none.
 */
public record Table(String name, List<Column> columns, String description) {
    public Table {
        columns = List.copyOf(columns);
        description = description == null ? "" : description;
    }

    public Table(String name, List<Column> columns) {
        this(name, columns, "");
    }

    /** The same table with other columns. */
    public Table withColumns(List<Column> newColumns) {
        return new Table(name, newColumns, description);
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
