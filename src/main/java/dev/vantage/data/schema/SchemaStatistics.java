package dev.vantage.data.schema;

import java.util.Collection;

/** Counts over a set of schemas. */
public record SchemaStatistics(int schemas, int tables, int columns, int primaryKeyColumns, int compositeKeyTables, int foreignKeys) {
    public static SchemaStatistics of(Collection<DatabaseSchema> all) {
        int tables = 0, columns = 0, pkCols = 0, composite = 0, fks = 0;
        for (DatabaseSchema s : all) {
            tables += s.tables().size();
            fks += s.foreignKeys().size();
            for (Table t : s.tables()) {
                columns += t.columns().size();
                int pk = t.primaryKey().size();
                pkCols += pk;
                if (pk > 1) composite++;
            }
        }
        return new SchemaStatistics(all.size(), tables, columns, pkCols, composite, fks);
    }

    @Override public String toString() {
        return String.format("%d schemas, %d tables, %d columns, %d primary-key columns (%d tables with composite keys), %d foreign keys",
                schemas, tables, columns, primaryKeyColumns, compositeKeyTables, foreignKeys);
    }
}
