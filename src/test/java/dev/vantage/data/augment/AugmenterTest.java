package dev.vantage.data.augment;

import dev.vantage.config.VantageConfig;
import dev.vantage.data.Example;
import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.SchemaReaders;
import dev.vantage.data.schema.SpiderFixtures;
import dev.vantage.data.schema.SqliteDatabases;
import dev.vantage.data.schema.Table;
import dev.vantage.data.sql.TrustedSql;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

class AugmenterTest {
    static final Map<String, DatabaseSchema> SCHEMAS = SchemaReaders.fromTablesJson(SpiderFixtures.MINI.resolve("tables.json"));
    static final SqliteValueSource VALUES = SqliteValueSource.inDatabaseDir(SpiderFixtures.MINI.resolve("database"));
    static final List<Example> EXAMPLES = SpiderMiniExamples.load();

    @AfterAll
    static void close() {
        VALUES.close();
    }

    @Test
    void readsProbabilitiesFromTinyConfig() {
        AugmentationConfig c = VantageConfig.load("tiny").data().augmentation();
        assertEquals(new AugmentationConfig(0.3, 0.2, 0.2, 0.2), c);
        assertThrows(IllegalArgumentException.class, () -> new AugmentationConfig(1.5, 0, 0, 0));
    }

    @Test
    void everyAugmentedQueryStillExecutesAndKeepsItsTables() throws Exception {
        Augmenter all = new Augmenter(new AugmentationConfig(1, 1, 1, 1), SCHEMAS, VALUES);
        Map<String, Integer> counts = new HashMap<>();
        Map<String, Connection> open = new HashMap<>();
        try {
            for (Example ex : EXAMPLES) {
                AugmentedExample a = all.augment(ex, new Random(7 + ex.id().hashCode()));
                a.applied().forEach(k -> counts.merge(k, 1, Integer::sum));
                Connection c = open.computeIfAbsent(ex.dbId(), db -> SqliteDatabases.openReadOnly(SpiderFixtures.miniDb(db)));
                TrustedSql.run(c, a.example().sql(), 10, 1000); // throws if the augmented SQL does not run
                Set<String> schemaTables = a.schema().tables().stream().map(t -> t.name().toLowerCase()).collect(Collectors.toSet());
                for (String used : Augmenter.tablesUsed(a.example().sql()).orElseThrow()) {
                    assertTrue(schemaTables.contains(used.toLowerCase()), ex.id() + ": lost table " + used + " " + a.applied());
                }
                if (a.applied().contains(Augmenter.VALUE_SUBSTITUTION)) {
                    assertNotEquals(ex.question(), a.example().question(), ex.id());
                    assertNotEquals(dev.vantage.data.sql.SqlNormalizer.normalize(ex.sql(), SCHEMAS.get(ex.dbId())), a.example().sql(), ex.id());
                }
            }
        } finally {
            for (Connection c : open.values()) c.close();
        }
        System.out.println("augmentations applied on " + EXAMPLES.size() + " spider-mini examples (all probabilities 1): " + counts);
        assertEquals(EXAMPLES.size(), counts.get(Augmenter.SHUFFLE));
        assertTrue(counts.getOrDefault(Augmenter.VALUE_SUBSTITUTION, 0) >= 30, counts::toString);
        assertTrue(counts.getOrDefault(Augmenter.DROP_TABLES, 0) >= 100, counts::toString);
        assertTrue(counts.getOrDefault(Augmenter.ADD_TABLES, 0) >= 200, counts::toString);
    }

    @Test
    void valueSubstitutionSwapsQuestionAndSqlTogether() {
        Example ex = new Example("t", "spider", "concert_singer", "What is the average age of singers from France?", "",
                "SELECT avg(age) FROM singer WHERE country = \"France\"");
        Example out = ValueSubstitution.apply(ex, SCHEMAS.get("concert_singer"), VALUES, new Random(1)).orElseThrow();
        String country = out.question().replace("What is the average age of singers from ", "").replace("?", "");
        assertNotEquals("France", country);
        assertEquals("SELECT AVG(Age) FROM singer WHERE Country = '" + country + "'", out.sql());
        // not verbatim in the question: nothing to swap
        Example lower = new Example("t", "spider", "concert_singer", "Average age of singers from france?", "", ex.sql());
        assertTrue(ValueSubstitution.apply(lower, SCHEMAS.get("concert_singer"), VALUES, new Random(1)).isEmpty());
    }

    @Test
    void sameSeedSameResult() {
        Augmenter aug = new Augmenter(new AugmentationConfig(0.5, 0.5, 0.5, 0.5), SCHEMAS, VALUES);
        for (Example ex : EXAMPLES.subList(0, 40)) {
            assertEquals(aug.augment(ex, new Random(99)), aug.augment(ex, new Random(99)));
        }
    }

    @Test
    void perturbationsKeepForeignKeysConsistent() {
        DatabaseSchema cs = SCHEMAS.get("concert_singer");
        DatabaseSchema dropped = SchemaPerturbation.dropUnusedTables(cs, Set.of("singer"), new Random(3));
        Set<String> names = dropped.tables().stream().map(Table::name).collect(Collectors.toSet());
        assertTrue(names.contains("singer"));
        assertTrue(names.size() < cs.tables().size());
        assertTrue(dropped.foreignKeys().stream().allMatch(fk -> names.contains(fk.fromTable()) && names.contains(fk.toTable())));
        DatabaseSchema added = SchemaPerturbation.addTablesFrom(cs, SCHEMAS.get("pets_1"), new Random(3));
        assertTrue(added.tables().size() > cs.tables().size());
        assertSame(cs, SchemaPerturbation.addTablesFrom(cs, cs, new Random(3)), "no table of the same name is added");
        DatabaseSchema shuffled = SchemaPerturbation.shuffle(cs, new Random(5));
        assertEquals(cs.tables().stream().map(Table::name).sorted().toList(), shuffled.tables().stream().map(Table::name).sorted().toList());
        assertEquals(cs.columnCount(), shuffled.columnCount());
    }
}
