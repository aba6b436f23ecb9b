package dev.vantage.data.sql;

import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.SchemaComparison;
import dev.vantage.data.schema.SchemaReaders;
import dev.vantage.data.schema.SpiderFixtures;
import dev.vantage.data.schema.SqliteDatabases;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** On the full Spider data (skipped when absent): schema agreement and dev-set normalization. */
class SpiderFullDataTest {
    @Test
    void tablesJsonAgreesWithSqliteUpToKnownQuirks() {
        Path spider = SpiderFixtures.fullSpider();
        Map<String, DatabaseSchema> declared = SchemaReaders.fromTablesJson(spider.resolve("tables.json"));
        int read = 0, missing = 0;
        List<SchemaComparison.Difference> diffs = new ArrayList<>();
        for (DatabaseSchema s : declared.values()) {
            Path db = SqliteDatabases.inDatabaseDir(spider.resolve("database"), s.dbId());
            if (!Files.isRegularFile(db)) { missing++; continue; }
            diffs.addAll(SchemaComparison.compare(s, SchemaReaders.fromSqlite(db)));
            read++;
        }
        System.out.printf("Spider schemas: %d in tables.json, %d SQLite files read, %d missing; differences %s%n",
                declared.size(), read, missing, SchemaComparison.countByKind(diffs));
        assertEquals(166, declared.size());
        assertEquals(163, read);
        // Spider's known quirks: tables.json keeps one column of composite primary keys, lists
        // sqlite_sequence in two databases and misses a few foreign keys. No column may be missing.
        assertTrue(diffs.stream().noneMatch(d -> d.kind() == SchemaComparison.Kind.COLUMN_ONLY_IN_FIRST
                || d.kind() == SchemaComparison.Kind.COLUMN_ONLY_IN_SECOND), diffs::toString);
        assertTrue(diffs.stream().filter(d -> d.kind() == SchemaComparison.Kind.TABLE_ONLY_IN_FIRST)
                .allMatch(d -> d.detail().equals("sqlite_sequence")), diffs::toString);
    }

    @Test
    void allDevQueriesNormalizeAndExecuteIdentically() {
        Path spider = SpiderFixtures.fullSpider();
        NormalizationAudit.Report r = NormalizationAudit.run(GoldSql.read(spider.resolve("dev_gold.sql")),
                SchemaReaders.fromTablesJson(spider.resolve("tables.json")), spider.resolve("database"), false);
        System.out.println("Spider dev normalization: " + r);
        assertEquals(1034, r.queries());
        assertEquals(List.of(), r.problems());
        assertEquals(1034, r.normalized());
        assertEquals(1034, r.idempotent());
        assertEquals(r.executed(), r.sameResult());
        assertEquals(r.queries(), r.noDatabase() + r.originalFails() + r.executed());
        assertTrue(r.executed() >= 972 - r.originalFails(), r::toString);
    }
}
