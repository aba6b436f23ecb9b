package dev.vantage.inference.constraint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vantage.data.TestData;
import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.LinkedValue;
import dev.vantage.data.schema.SchemaReaders;
import dev.vantage.data.schema.ValueIndex;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/**
 * How many Spider gold queries the decoding constraint accepts with the value constraint and the
 * structure limits (the figures of docs/CONSTRAINED-DECODING.md); needs ../shared/data (skipped otherwise).
 */
class QuestionConstraintSpiderTest {
    static List<ConstraintAudit.Gold> read(Path json) throws IOException {
        List<ConstraintAudit.Gold> out = new ArrayList<>();
        for (JsonNode n : new ObjectMapper().readTree(json.toFile())) {
            out.add(new ConstraintAudit.Gold(n.get("db_id").asText(), n.get("query").asText(), n.get("question").asText()));
        }
        return out;
    }

    /**
     * Dev and train under all the rules, with the values linked from each database as TextToSql links
     * them; {@code -Dvantage.audit.breakdown=true} also runs the value and the structure rules alone.
     */
    @Test
    void goldAcceptance() throws IOException {
        Path spider = TestData.fullSpider();
        Map<String, DatabaseSchema> schemas = SchemaReaders.fromTablesJson(spider.resolve("tables.json"));
        Map<String, Optional<ValueIndex>> indexes = new HashMap<>();
        for (String set : List.of("dev.json", "train_spider.json")) {
            List<ConstraintAudit.Gold> gold = read(spider.resolve(set));
            List<QuestionConstraint.Rules> ruleSets = Boolean.getBoolean("vantage.audit.breakdown")
                    ? List.of(new QuestionConstraint.Rules(true, false), new QuestionConstraint.Rules(false, true), QuestionConstraint.Rules.ALL)
                    : List.of(QuestionConstraint.Rules.ALL);
            for (QuestionConstraint.Rules rules : ruleSets) {
                ConstraintAudit.Report r = ConstraintAudit.run(gold, schemas, (schema, g) -> {
                    Path db = spider.resolve("database").resolve(g.dbId()).resolve(g.dbId() + ".sqlite");
                    Optional<ValueIndex> v = indexes.computeIfAbsent(g.dbId(),
                            k -> Files.isRegularFile(db) ? Optional.of(ValueIndex.build(db)) : Optional.empty());
                    List<String> linked = v.map(i -> i.link(g.question(), 10).stream().map(LinkedValue::value).toList()).orElse(List.of());
                    return QuestionConstraint.of(schema, g.question(), linked, rules, LinkScores.NONE, v.orElse(null));
                }, 1);
                System.out.println("Spider " + set + ", " + rules + ": " + r);
                r.failures().forEach(f -> System.out.println("  not accepted: " + f));
                // three train queries SQLite itself refuses (SqlConstraintSpiderTest) are in every count; the
                // structure limits refuse self-joins, arithmetic and JOINs without ON, the values hr_1's
                // `commission_pct = 'null'` (docs/CONSTRAINED-DECODING.md): dev 1,011 and train 6,709 with both
                double bar = rules.values() && rules.structure() ? 0.955 : rules.values() ? 0.97 : 0.98;
                assertTrue(r.acceptanceRate() >= bar, r::toString);
            }
        }
    }
}
