package dev.vantage.data.preprocess;

import dev.vantage.data.dataset.DatasetLoader;
import dev.vantage.data.schema.Column;
import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.SchemaReaders;
import dev.vantage.data.schema.SqliteDatabases;
import dev.vantage.data.schema.Table;
import dev.vantage.data.schema.ValueIndex;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The schema (and, for value linking, the value index) of one example's database: the schema the
 * dataset declares, else the one read from its SQLite file, with the dataset's column descriptions
 * filled in. Empty when the database is missing or unreadable (the reason is kept).
 */
public final class SchemaSource {
    /** A database ready for serialization. */
    public record Resolved(DatabaseSchema schema, ValueIndex values) {}

    private final int maxDistinctValues;
    private String lastProblem = "";

    public SchemaSource(int maxDistinctValues) { this.maxDistinctValues = maxDistinctValues; }

    /** Why the last {@link #resolve} came back empty. */
    public String lastProblem() { return lastProblem; }

    public static final String MISSING = "missing database";

    public Optional<Resolved> resolve(DatasetLoader loader, String dbId, boolean withValues) {
        Optional<DatabaseSchema> schema = schema(loader, dbId);
        if (schema.isEmpty()) return Optional.empty();
        ValueIndex values = withValues ? values(loader, dbId, schema.get()) : null;
        return Optional.of(new Resolved(schema.get(), values));
    }

    /** The schema the dataset declares, else the SQLite file's, with the dataset's column descriptions. */
    public Optional<DatabaseSchema> schema(DatasetLoader loader, String dbId) {
        Optional<Path> file = loader.databases().sqlitePath(dbId);
        Optional<DatabaseSchema> declared = loader.declaredSchema(dbId);
        if (file.isEmpty() && declared.isEmpty()) {
            lastProblem = MISSING;
            return Optional.empty();
        }
        try {
            DatabaseSchema schema = declared.isPresent() ? declared.get() : rename(SchemaReaders.fromSqlite(file.get()), dbId);
            return Optional.of(describe(schema, loader.columnDescriptions(dbId)));
        } catch (RuntimeException e) {
            lastProblem = "unreadable database: " + e.getMessage();
            return Optional.empty();
        }
    }

    /** The text values of the schema's columns, for value linking; null when there is no file or it fails. */
    public ValueIndex values(DatasetLoader loader, String dbId, DatabaseSchema schema) {
        Optional<Path> file = loader.databases().sqlitePath(dbId);
        if (file.isEmpty()) return null;
        try (Connection c = SqliteDatabases.openReadOnly(file.get())) {
            return ValueIndex.build(c, schema, maxDistinctValues);
        } catch (Exception e) {
            lastProblem = "values unreadable: " + e.getMessage();
            return null;
        }
    }

    private static DatabaseSchema rename(DatabaseSchema s, String dbId) {
        return s.dbId().equals(dbId) ? s : new DatabaseSchema(dbId, s.tables(), s.foreignKeys());
    }

    /** The column key under which {@link DatasetLoader#columnDescriptions} describes the table itself. */
    public static final String TABLE_ITSELF = DatasetLoader.TABLE_ITSELF;

    /** Fills empty table and column descriptions from the dataset's documentation (names ignoring case). */
    static DatabaseSchema describe(DatabaseSchema s, Map<String, Map<String, String>> descriptions) {
        if (descriptions.isEmpty()) return s;
        List<Table> tables = new ArrayList<>();
        for (Table t : s.tables()) {
            Map<String, String> cols = descriptions.getOrDefault(t.name().toLowerCase(Locale.ROOT), Map.of());
            List<Column> columns = new ArrayList<>();
            for (Column c : t.columns()) {
                String d = cols.get(c.name().toLowerCase(Locale.ROOT));
                columns.add(d != null && c.description().isEmpty()
                        ? new Column(c.name(), c.type(), c.primaryKey(), d, c.sampleValues()) : c);
            }
            String tableDescription = cols.get(TABLE_ITSELF);
            tables.add(tableDescription != null && t.description().isEmpty()
                    ? new Table(t.name(), columns, tableDescription) : t.withColumns(columns));
        }
        return new DatabaseSchema(s.dbId(), tables, s.foreignKeys());
    }
}
