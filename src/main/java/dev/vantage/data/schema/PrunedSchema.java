package dev.vantage.data.schema;

import java.util.List;

/**
 * A schema cut to a token budget by {@link SchemaPruner}: what is kept (tables in schema order,
 * foreign keys among them), its text and token count, and what went and why.
 *
 * @param droppedColumns "table.column" of columns left out of a table too big for the budget alone
 */
public record PrunedSchema(DatabaseSchema schema, String text, int tokens, List<DroppedTable> droppedTables,
                           List<String> droppedColumns) {
    public PrunedSchema {
        droppedTables = List.copyOf(droppedTables);
        droppedColumns = List.copyOf(droppedColumns);
    }

    /** A table left out, its linking score and the reason in words. */
    public record DroppedTable(String name, double score, String reason) {}

    public boolean pruned() {
        return !droppedTables.isEmpty() || !droppedColumns.isEmpty();
    }
}
