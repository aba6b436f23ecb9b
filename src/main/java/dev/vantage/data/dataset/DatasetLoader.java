package dev.vantage.data.dataset;

import dev.vantage.data.schema.DatabaseSchema;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One dataset on disk (Spider, BIRD, WikiSQL, Gretel, a user's JSONL): its splits as {@link dev.vantage.data.Example}s,
 * where their databases are, and what the dataset knows about its schemas beyond the SQLite file.
 */
public interface DatasetLoader {
    /** The key of a table's own description among its column descriptions. */
    String TABLE_ITSELF = "";

    /** "spider", "bird", ...: the name used in the config's data.mixture. */
    String name();

    /** The splits present on disk, e.g. [train, dev]. */
    List<String> splits();

    /** The split used for training (what the mixture draws from). */
    default String trainSplit() { return "train"; }

    /** Reads one split; bad rows and missing databases go into the report, never an exception halfway. */
    LoadedSplit load(String split);

    DatabaseLocator databases();

    /**
     * Column documentation the dataset ships beside the database (BIRD's database_description CSVs):
     * table name (lower case) to column name (lower case) to description; the column key
     * {@link #TABLE_ITSELF} describes the table. Spider gives its readable names ("fname" → "first name").
     * Empty when there is none.
     */
    default Map<String, Map<String, String>> columnDescriptions(String dbId) { return Map.of(); }

    /**
     * A schema the dataset defines itself, when its database file is not one schema per db_id
     * (WikiSQL keeps thousands of tables in one .db). Empty: read the schema from the SQLite file.
     */
    default Optional<DatabaseSchema> declaredSchema(String dbId) { return Optional.empty(); }
}
