package dev.vantage.data.augment;

import dev.vantage.data.Example;
import dev.vantage.data.schema.Column;
import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.ForeignKey;
import dev.vantage.data.schema.SchemaReaders;
import dev.vantage.data.schema.SpiderFixtures;
import dev.vantage.data.schema.Table;
import dev.vantage.data.sql.SqlNormalizer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class NameSubstitutionTest {
    static final DatabaseSchema SINGERS = new DatabaseSchema("concert", List.of(
            new Table("singer", List.of(new Column("Singer_ID", "number", true), new Column("Name", "text", false),
                    new Column("Country", "text", false), new Column("Age", "number", false))),
            new Table("concert", List.of(new Column("concert_ID", "number", true), new Column("Singer_ID", "number", false)))),
            List.of(new ForeignKey("concert", "Singer_ID", "singer", "Singer_ID")));
    static final NameSubstitution.Pool POOL = new NameSubstitution.Pool(List.of("athlete", "ship", "museum"),
            List.of("Nationality", "Tonnage", "Open_Year", "Height"));

    @Test void renamesAMentionedTableInSchemaSqlAndQuestionAlike() {
        Example ex = new Example("t/1", "spider", "concert", "How many singers are from the country 'France'?", "",
                "SELECT count(*) FROM singer WHERE Country = 'France'");
        boolean sawTable = false;
        for (int seed = 0; seed < 40; seed++) {
            Optional<NameSubstitution.Renamed> r = NameSubstitution.apply(ex, SINGERS, POOL, new Random(seed * 0x9E3779B97F4A7C15L));
            if (r.isEmpty()) continue;
            String sql = r.get().example().sql(), q = r.get().example().question();
            assertTrue(sql.startsWith("SELECT count(*) FROM "), sql);          // keywords and functions untouched
            assertTrue(sql.endsWith(" = 'France'"), sql);                      // literals untouched
            String table = sql.substring("SELECT count(*) FROM ".length(), sql.indexOf(" WHERE"));
            assertTrue(r.get().schema().table(table).isPresent(), table + " is not in the renamed schema");
            if (!table.equals("singer")) {
                sawTable = true;
                assertFalse(q.contains("singers"), q);
                assertTrue(q.contains(String.join(" ", dev.vantage.data.schema.NameWords.words(table)) + "s"), q);
                assertEquals(table, r.get().schema().foreignKeys().getFirst().toTable(), "foreign keys follow the rename");
            }
            assertFalse(SqlNormalizer.normalize(sql, r.get().schema()).isEmpty());
        }
        assertTrue(sawTable, "in 40 draws the mentioned table was never renamed");
    }

    @Test void aNameTheSqlUsesButTheQuestionNeverMentionsKeepsItsName() {
        Example ex = new Example("t/2", "spider", "concert", "How many are there?", "", "SELECT count(*) FROM singer");
        for (int seed = 0; seed < 40; seed++) {
            var r = NameSubstitution.apply(ex, SINGERS, POOL, new Random(seed * 0x9E3779B97F4A7C15L));
            r.ifPresent(x -> assertEquals("SELECT count(*) FROM singer", x.example().sql()));
            r.ifPresent(x -> assertEquals("How many are there?", x.example().question()));
        }
    }

    @Test void identifiersInsideQuotesAndFunctionNamesAreNotRenamed() {
        String sql = "SELECT max(Age), \"Name\" FROM singer AS T1 WHERE T1.Name = 'singer''s Name'";
        String out = NameSubstitution.renameIdentifiers(sql, Map.of("age", "Height", "name", "Tonnage", "max", "X"));
        assertEquals("SELECT max(Height), \"Name\" FROM singer AS T1 WHERE T1.Tonnage = 'singer''s Name'", out);
    }

    /** On every spider-mini example the renamed SQL still resolves against the renamed schema. */
    @Test void renamedQueriesNormalizeAgainstTheRenamedSchema() {
        renamedQueriesNormalize(0);
    }

    /** The same with every new name composed of pool words: names no database has, still consistent. */
    @Test void inventedNamesNormalizeAgainstTheRenamedSchemaToo() {
        renamedQueriesNormalize(1);
    }

    @Test void anInventedNameTakesTheOldOnesWordCountAndStyle() {
        List<String> words = List.of("venue", "budget", "crew");
        Random rng = new Random(3);
        for (int i = 0; i < 20; i++) {
            assertTrue(NameSubstitution.invent("concert", words, rng).matches("[a-z]+"));
            assertTrue(NameSubstitution.invent("Singer_ID", words, rng).matches("[A-Z][a-z]+_[A-Z][a-z]+"));
            assertTrue(NameSubstitution.invent("AIRLINES", words, rng).matches("[A-Z]+"));
            assertTrue(NameSubstitution.invent("SourceAirport", words, rng).matches("([A-Z][a-z]+){2}"));
            assertTrue(NameSubstitution.invent("open_year", words, rng).matches("[a-z]+_[a-z]+"));
        }
    }

    private static void renamedQueriesNormalize(double inventedShare) {
        Map<String, DatabaseSchema> schemas = SchemaReaders.fromTablesJson(SpiderFixtures.MINI.resolve("tables.json"));
        NameSubstitution.Pool pool = NameSubstitution.Pool.of(schemas.values()).inventing(inventedShare);
        java.util.Set<String> borrowable = new java.util.HashSet<>(pool.tables());
        borrowable.addAll(pool.columns());
        int renamed = 0, normalizable = 0, stillNormal = 0, invented = 0;
        for (Example ex : SpiderMiniExamples.load()) {
            DatabaseSchema s = schemas.get(ex.dbId());
            var r = NameSubstitution.apply(ex, s, pool, new Random(ex.id().hashCode() * 0x9E3779B97F4A7C15L));
            if (r.isEmpty()) continue;
            renamed++;
            try {
                SqlNormalizer.normalize(ex.sql(), s);
                normalizable++;
            } catch (RuntimeException e) {
                continue;
            }
            for (var t : r.get().schema().tables()) if (s.table(t.name()).isEmpty() && !borrowable.contains(t.name())) invented++;
            try {
                SqlNormalizer.normalize(r.get().example().sql(), r.get().schema());
                stillNormal++;
            } catch (RuntimeException e) {
                fail(ex.id() + ": " + ex.sql() + " -> " + r.get().example().sql() + ": " + e.getMessage());
            }
        }
        assertTrue(renamed > SpiderMiniExamples.load().size() / 2, "renamed only " + renamed);
        assertEquals(normalizable, stillNormal);
        if (inventedShare == 0) assertEquals(0, invented, "every new name is borrowed");
        else assertTrue(invented > renamed / 4, "only " + invented + " invented table names in " + renamed + " renamed examples");
    }
}
