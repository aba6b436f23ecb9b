package dev.vantage.data.augment;

import dev.vantage.data.Example;
import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.sql.SqlLiterals;
import dev.vantage.data.sql.SqlParseException;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.util.TablesNamesFinder;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Applies the configured augmentations to an example, each with its own probability, in this
 * order: value substitution, renaming tables and columns ({@link NameSubstitution}), dropping unused
 * tables, adding another database's tables, shuffling.
 * All randomness comes from the given {@link Random}, so a seed fixes the result.
 */
public final class Augmenter {
    public static final String VALUE_SUBSTITUTION = "value_substitution", DROP_TABLES = "drop_irrelevant_tables",
            ADD_TABLES = "add_irrelevant_tables", SHUFFLE = "schema_shuffle", NAME_SUBSTITUTION = "name_substitution";

    private final AugmentationConfig config;
    private final Map<String, DatabaseSchema> schemas;
    private final List<String> dbIds;
    private final ValueSource values;
    private final NameSubstitution.Pool names;

    /**
     * @param schemas     every database's schema, by db id (the source of borrowed tables)
     * @param valuesOrNull where substitute values come from; null turns value substitution off
     */
    public Augmenter(AugmentationConfig config, Map<String, DatabaseSchema> schemas, ValueSource valuesOrNull) {
        this.config = config;
        this.schemas = schemas;
        this.dbIds = new ArrayList<>(schemas.keySet());
        this.dbIds.sort(null);
        this.values = valuesOrNull;
        this.names = NameSubstitution.Pool.of(schemas.values()).inventing(config.inventedNameShare());
    }

    /** The example's own schema from the map; an unknown db id is an error naming the example. */
    public AugmentedExample augment(Example ex, Random rng) {
        DatabaseSchema s = schemas.get(ex.dbId());
        if (s == null) throw new IllegalArgumentException(ex.id() + ": no schema for database '" + ex.dbId() + "'");
        return augment(ex, s, rng);
    }

    public AugmentedExample augment(Example ex, DatabaseSchema schema, Random rng) {
        List<String> applied = new ArrayList<>();
        Example out = ex;
        Optional<Set<String>> used = tablesUsed(ex.sql());
        if (values != null && used.isPresent() && rng.nextDouble() < config.valueSubstitutionProb()) {
            Optional<Example> swapped;
            try {
                swapped = ValueSubstitution.apply(ex, schema, values, rng);
            } catch (SqlParseException e) {
                swapped = Optional.empty(); // SQL outside what the normalizer reads: leave the example as it is
            }
            if (swapped.isPresent()) {
                out = swapped.get();
                applied.add(VALUE_SUBSTITUTION);
            }
        }
        DatabaseSchema s = schema;
        if (rng.nextDouble() < config.nameSubstitutionProb()) {
            Optional<NameSubstitution.Renamed> r = NameSubstitution.apply(out, s, names, rng);
            if (r.isPresent()) {
                out = r.get().example();
                s = r.get().schema();
                used = tablesUsed(out.sql());
                applied.add(NAME_SUBSTITUTION);
            }
        }
        if (used.isPresent() && rng.nextDouble() < config.dropIrrelevantTableProb()) {
            DatabaseSchema d = SchemaPerturbation.dropUnusedTables(s, used.get(), rng);
            if (d != s) { s = d; applied.add(DROP_TABLES); }
        }
        if (dbIds.size() > 1 && rng.nextDouble() < config.addIrrelevantTableProb()) {
            String other;
            do other = dbIds.get(rng.nextInt(dbIds.size())); while (other.equals(ex.dbId()));
            DatabaseSchema a = SchemaPerturbation.addTablesFrom(s, schemas.get(other), rng);
            if (a != s) { s = a; applied.add(ADD_TABLES); }
        }
        if (rng.nextDouble() < config.schemaShuffleProb()) {
            s = SchemaPerturbation.shuffle(s, rng);
            applied.add(SHUFFLE);
        }
        return new AugmentedExample(out, s, applied);
    }

    /** The tables a query reads (JSqlParser's finder), or empty when it cannot be parsed. */
    public static Optional<Set<String>> tablesUsed(String sql) {
        try {
            Set<String> out = new HashSet<>();
            for (String t : TablesNamesFinder.findTables(sql)) out.add(SqlLiterals.unquote(t));
            return Optional.of(out);
        } catch (JSQLParserException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
