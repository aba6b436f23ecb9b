package dev.vantage.data.preprocess;

import dev.vantage.data.Example;
import dev.vantage.data.dataset.DatasetLoader;
import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.SchemaSerializer;
import dev.vantage.data.sql.SqlNormalizer;
import dev.vantage.data.schema.SerializationOptions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The text a tokenizer is trained (and benchmarked) on: every training question, its evidence and
 * SQL (normalized, when the targets are), and the serialized schema of every database they use (without linked values, which come
 * from the questions anyway).
 */
public final class TokenizerCorpus {
    private TokenizerCorpus() {}

    public static List<String> of(TrainingData data, SerializationOptions options) {
        return of(data, options, false);
    }

    /** With {@code normalizeSql}, the SQL as the training targets spell it (see ExampleEncoder), raw when it does not parse. */
    public static List<String> of(TrainingData data, SerializationOptions options, boolean normalizeSql) {
        List<String> texts = new ArrayList<>();
        SchemaSource schemas = new SchemaSource(0);
        for (var e : data.examples().entrySet()) {
            DatasetLoader loader = data.loaders().get(e.getKey());
            Map<String, Optional<DatabaseSchema>> seen = new HashMap<>();
            for (Example x : e.getValue()) {
                texts.add(x.question());
                if (!x.evidence().isEmpty()) texts.add(x.evidence());
                Optional<DatabaseSchema> schema = seen.computeIfAbsent(x.dbId(), id -> {
                    Optional<DatabaseSchema> s = schemas.schema(loader, id);
                    s.ifPresent(d -> texts.add(SchemaSerializer.serialize(d, options)));
                    return s;
                });
                texts.add(normalizeSql ? normalized(x.sql(), schema.orElse(null)) : x.sql());
            }
        }
        return texts;
    }

    private static String normalized(String sql, DatabaseSchema schemaOrNull) {
        try {
            return SqlNormalizer.normalize(sql, schemaOrNull);
        } catch (RuntimeException e) {
            return sql;
        }
    }
}
