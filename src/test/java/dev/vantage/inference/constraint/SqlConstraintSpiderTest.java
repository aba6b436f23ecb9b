package dev.vantage.inference.constraint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vantage.data.TestData;
import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.SchemaReaders;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Every gold query of Spider dev and train, normalized, is accepted; needs ../shared/data (skipped otherwise). */
class SqlConstraintSpiderTest {
    /** The one train query whose gold SQL names a table its database does not have (Ref_Company_Types). */
    private static final String KNOWN_BAD_TRAIN = "JOIN Ref_Company_Types AS T3";

    static List<ConstraintAudit.Gold> read(Path json) throws IOException {
        List<ConstraintAudit.Gold> out = new ArrayList<>();
        for (JsonNode n : new ObjectMapper().readTree(json.toFile())) {
            out.add(new ConstraintAudit.Gold(n.get("db_id").asText(), n.get("query").asText()));
        }
        return out;
    }

    @Test
    void devGoldQueriesAreAllAccepted() throws IOException {
        Path spider = TestData.fullSpider();
        Map<String, DatabaseSchema> schemas = SchemaReaders.fromTablesJson(spider.resolve("tables.json"));
        List<ConstraintAudit.Gold> dev = read(spider.resolve("dev.json"));
        for (SqlConstraint.Options options : List.of(SqlConstraint.Options.TOLERANT, SqlConstraint.Options.NORMALIZED)) {
            ConstraintAudit.Report r = ConstraintAudit.run(dev, schemas, options, 1);
            System.out.println("Spider dev, " + options + ": " + r);
            assertEquals(1034, r.queries());
            assertEquals(1034, r.checked());
            assertEquals(List.of(), r.failures());
        }
    }

    @Test
    void trainGoldQueriesAreAcceptedButTheOneNamingAMissingTable() throws IOException {
        Path spider = TestData.fullSpider();
        Map<String, DatabaseSchema> schemas = SchemaReaders.fromTablesJson(spider.resolve("tables.json"));
        List<ConstraintAudit.Gold> train = read(spider.resolve("train_spider.json"));
        for (SqlConstraint.Options options : List.of(SqlConstraint.Options.TOLERANT, SqlConstraint.Options.NORMALIZED)) {
            ConstraintAudit.Report r = ConstraintAudit.run(train, schemas, options, 1);
            System.out.println("Spider train, " + options + ": " + r);
            r.failures().forEach(f -> System.out.println("  not accepted: " + f));
            assertEquals(7000, r.queries());
            assertEquals(7000, r.checked());
            assertEquals(1, r.failures().size(), r.failures()::toString);
            assertTrue(r.failures().getFirst().sql().contains(KNOWN_BAD_TRAIN), r.failures()::toString);
        }
    }
}
