package dev.vantage.data.schema;

import java.util.List;

/** One database's schema, whatever it was read from (tables.json, a SQLite file, JDBC metadata, DDL). */
public record DatabaseSchema(String dbId, List<Table> tables, List<ForeignKey> foreignKeys) {
    public DatabaseSchema {
        tables = List.copyOf(tables);
        foreignKeys = List.copyOf(foreignKeys);
    }
}
