package dev.vantage.data.sql;

import dev.vantage.data.schema.SchemaReaders;
import dev.vantage.data.schema.SpiderFixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Every gold query of the committed fixture normalizes, and the normalized SQL returns the same rows. */
class SpiderMiniNormalizationTest {
    @Test
    void normalizedGoldQueriesExecuteIdentically() {
        List<GoldSql> gold = GoldSql.read(SpiderFixtures.MINI.resolve("dev_gold.sql"));
        NormalizationAudit.Report r = NormalizationAudit.run(gold,
                SchemaReaders.fromTablesJson(SpiderFixtures.MINI.resolve("tables.json")), SpiderFixtures.MINI.resolve("database"), false);
        System.out.println("spider-mini normalization: " + r);
        assertEquals(297, r.queries());
        assertEquals(List.of(), r.problems());
        assertEquals(r.queries(), r.normalized());
        assertEquals(r.queries(), r.idempotent());
        assertEquals(r.queries(), r.executed());
        assertEquals(r.executed(), r.sameResult());
    }

    @Test
    void badGoldLineIsReportedWithLineNumber() throws Exception {
        var f = java.nio.file.Files.createTempFile("gold", ".sql");
        try {
            java.nio.file.Files.writeString(f, "SELECT 1\tdb\nno tab here\n");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GoldSql.read(f));
            assertTrue(e.getMessage().contains(": line 2: expected 'SQL<TAB>db_id'"), e.getMessage());
        } finally {
            java.nio.file.Files.deleteIfExists(f);
        }
    }
}
