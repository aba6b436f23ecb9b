package dev.vantage.data.schema;

import java.util.List;
import java.util.Optional;

/** One database's schema, whatever it was read from (tables.json, a SQLite file, JDBC metadata, DDL). */
public record DatabaseSchema(String dbId, List<Table> tables, List<ForeignKey> foreignKeys) {
    public DatabaseSchema {
        tables = List.copyOf(tables);
        foreignKeys = List.copyOf(foreignKeys);
    }

    /** The table of that name, ignoring case (SQL identifiers are case-insensitive in SQLite). */
    public Optional<Table> table(String name) {
        for (Table t : tables) if (t.name().equalsIgnoreCase(name)) return Optional.of(t);
        return Optional.empty();
    }

    /** Foreign keys leaving {@code table.column}, ignoring case, in schema order. */
    public List<ForeignKey> foreignKeysFrom(String table, String column) {
        return foreignKeys.stream()
                .filter(fk -> fk.fromTable().equalsIgnoreCase(table) && fk.fromColumn().equalsIgnoreCase(column))
                .toList();
    }

    public int columnCount() {
        return tables.stream().mapToInt(t -> t.columns().size()).sum();
    }
}
