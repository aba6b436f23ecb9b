package dev.vantage.data.schema;

import java.util.List;

/** A column: its name as in the database, its SQL type, and optional documentation and sample values. */
public record Column(String name, String type, boolean primaryKey, String description, List<String> sampleValues) {
    public Column {
        type = type == null ? "" : type;
        description = description == null ? "" : description;
        sampleValues = sampleValues == null ? List.of() : List.copyOf(sampleValues);
    }

    public Column(String name, String type, boolean primaryKey) {
        this(name, type, primaryKey, "", List.of());
    }
}
