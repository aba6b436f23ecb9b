package dev.vantage.data.schema;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;

/** The ways to get a {@link DatabaseSchema}: tables.json, a SQLite file, a JDBC connection, DDL text. */
public final class SchemaReaders {
    private SchemaReaders() {}

    /**
     * All schemas of a Spider/BIRD {@code tables.json}, by db_id in file order. Throws, after reading
     * every entry, if any entry is malformed, listing each with file, entry index and field (use
     * {@link TablesJsonReader#read} to keep the good entries instead).
     */
    public static Map<String, DatabaseSchema> fromTablesJson(Path tablesJson) {
        TablesJsonReader.Result r = TablesJsonReader.read(tablesJson);
        if (!r.problems().isEmpty()) {
            throw new SchemaReadException(r.problems().size() + " malformed entr" + (r.problems().size() == 1 ? "y" : "ies")
                    + ":\n  " + String.join("\n  ", r.problems().subList(0, Math.min(20, r.problems().size()))));
        }
        return r.schemas();
    }

    /** Introspects a SQLite file (opened read-only); the db id is the file name without extension. */
    public static DatabaseSchema fromSqlite(Path dbFile) {
        return SqliteSchemaReader.read(dbFile);
    }

    /**
     * Reads through {@link java.sql.DatabaseMetaData}. {@code catalogOrSchemaOrNull} picks a schema
     * (or, failing that, a catalog) by name; null reads every non-system table visible.
     */
    public static DatabaseSchema fromJdbc(Connection c, String catalogOrSchemaOrNull) {
        return JdbcSchemaReader.read(c, catalogOrSchemaOrNull);
    }

    /** Parses {@code CREATE TABLE ...;} statements with JSqlParser; errors name the statement index. */
    public static DatabaseSchema fromDdl(String dbId, String ddlText) {
        return DdlSchemaReader.read(dbId, ddlText);
    }
}
