package dev.vantage.data.tokenizer;

import dev.vantage.data.Example;
import dev.vantage.data.dataset.DatasetLoader;
import dev.vantage.data.preprocess.SchemaSource;
import dev.vantage.data.preprocess.TrainingData;
import dev.vantage.data.schema.SchemaSerializer;
import dev.vantage.data.schema.SerializationOptions;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The text a tokenizer is trained (and benchmarked) on: every training question, its evidence and
 * SQL, and the serialized schema of every database they use (without linked values, which come
 * from the questions anyway).
 */
public final class TokenizerCorpus {
    private TokenizerCorpus() {}

    public static List<String> of(TrainingData data, SerializationOptions options) {
        List<String> texts = new ArrayList<>();
        SchemaSource schemas = new SchemaSource(0);
        for (var e : data.examples().entrySet()) {
            DatasetLoader loader = data.loaders().get(e.getKey());
            Set<String> seen = new HashSet<>();
            for (Example x : e.getValue()) {
                texts.add(x.question());
                if (!x.evidence().isEmpty()) texts.add(x.evidence());
                texts.add(x.sql());
                if (seen.add(x.dbId())) {
                    schemas.resolve(loader, x.dbId(), false)
                            .ifPresent(r -> texts.add(SchemaSerializer.serialize(r.schema(), options)));
                }
            }
        }
        return texts;
    }
}
