package dev.vantage.data.preprocess;

import dev.vantage.data.Example;
import dev.vantage.data.dataset.SpiderLoader;
import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.SpiderFixtures;
import dev.vantage.data.schema.SqliteDatabases;
import dev.vantage.data.sql.TrustedSql;
import dev.vantage.data.sql.SqlNormalizer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/**
 * On the full Spider data (skipped when absent): the training targets, normalized against the
 * schema preprocessing uses (SQLite file + tables.json readable names), run to the gold's result.
 */
class SpiderTrainingTargetsTest {
    @Test void normalizedTrainingTargetsExecuteLikeTheGold() throws Exception {
        Path spider = SpiderFixtures.fullSpider();
        SpiderLoader loader = new SpiderLoader(spider);
        List<Example> train = loader.load("train").examples();
        SchemaSource source = new SchemaSource(0);
        int sampled = 0, normalized = 0, executed = 0, same = 0, goldFails = 0;
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < train.size(); i += 10) {
            Example x = train.get(i);
            Optional<Path> db = loader.databases().sqlitePath(x.dbId());
            Optional<DatabaseSchema> schema = source.schema(loader, x.dbId());
            if (db.isEmpty() || schema.isEmpty()) continue;
            sampled++;
            String target = SqlNormalizer.normalize(x.sql(), schema.get());
            normalized++;
            try (Connection c = SqliteDatabases.openReadOnly(db.get())) {
                TrustedSql.Rows gold;
                try {
                    gold = TrustedSql.run(c, x.sql(), 30, 100_000);
                } catch (java.sql.SQLException e) {
                    goldFails++;
                    continue;
                }
                TrustedSql.Rows mine = TrustedSql.run(c, target, 30, 100_000);
                executed++;
                if (gold.sameRows(mine, target.toUpperCase().contains("ORDER BY"))) same++;
                else problems.add(x.id() + ": " + x.sql() + " -> " + target);
            }
        }
        System.out.printf("Spider train sample: %d queries, %d normalized, %d executed (%d gold fail), %d same result%n",
                sampled, normalized, executed, goldFails, same);
        assertTrue(sampled > 600);
        assertEquals(List.of(), problems);
    }
}
