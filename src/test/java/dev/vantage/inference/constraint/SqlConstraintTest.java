package dev.vantage.inference.constraint;

import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.SchemaReaders;
import dev.vantage.data.schema.SpiderFixtures;
import dev.vantage.data.schema.SqliteDatabases;
import dev.vantage.data.sql.GoldSql;
import dev.vantage.data.sql.SqlNormalizer;
import dev.vantage.inference.ConstraintState;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.*;

/** SqlConstraint on concert_singer (hand-written cases) and on the 297 gold queries of spider-mini. */
class SqlConstraintTest {
    private static final Map<String, DatabaseSchema> SCHEMAS =
            SchemaReaders.fromTablesJson(SpiderFixtures.MINI.resolve("tables.json"));
    private static final DatabaseSchema CONCERT = SCHEMAS.get("concert_singer");
    private static final SqlConstraint TOLERANT = new SqlConstraint(CONCERT);
    private static final SqlConstraint STRICT = new SqlConstraint(CONCERT, SqlConstraint.Options.NORMALIZED);

    private static ConstraintState feed(SqlConstraint c, String text) {
        return c.initial().advance(text);
    }

    /** Accepted whole, by characters and in pieces, and complete. */
    private static void assertComplete(SqlConstraint c, String sql) {
        assertNull(ConstraintAudit.check(c, sql, new java.util.Random(7)), sql);
    }

    /** A closed quoted name must be a whole name that fits where it stands: `FROM "s"` left no token to continue with. */
    @Test
    void aClosedQuotedNameIsWholeOrRefused() {
        for (SqlConstraint c : List.of(TOLERANT, STRICT)) {
            ConstraintState start = c.initial();
            assertNull(start.advance("SELECT COUNT(*) FROM \"s\""));
            assertNotNull(start.advance("SELECT COUNT(*) FROM \"sing"));
            assertTrue(start.advance("SELECT COUNT(*) FROM \"singer\"").canEnd());
        }
    }

    @Test
    void acceptsTheSubsetOfSqlite() {
        for (String sql : List.of(
                "SELECT COUNT(*) FROM singer",
                "SELECT Name, Country, Age FROM singer ORDER BY Age DESC",
                "SELECT T2.Name, COUNT(*) FROM concert AS T1 JOIN stadium AS T2 ON T1.Stadium_ID = T2.Stadium_ID GROUP BY T1.Stadium_ID",
                "SELECT T1.Name FROM singer AS T1 JOIN singer_in_concert AS T2 ON T1.Singer_ID = T2.Singer_ID JOIN concert AS T3 ON T2.concert_ID = T3.concert_ID WHERE T3.Year = 2014",
                "SELECT Name FROM stadium WHERE Stadium_ID NOT IN (SELECT Stadium_ID FROM concert)",
                "SELECT Song_Name FROM singer WHERE Age > (SELECT AVG(Age) FROM singer)",
                "SELECT Country FROM singer WHERE Age > 40 INTERSECT SELECT Country FROM singer WHERE Age < 30",
                "SELECT Name FROM singer UNION ALL SELECT Name FROM stadium EXCEPT SELECT concert_Name FROM concert",
                "SELECT COUNT(DISTINCT Country), MAX(Age) - MIN(Age), AVG(Capacity * 2 + 1) FROM singer AS T1 JOIN stadium AS T2",
                "SELECT Name FROM stadium WHERE Capacity BETWEEN 5000 AND 10000 AND Location LIKE '%Ayr%' OR NOT Highest >= 3",
                "SELECT Name FROM singer WHERE Country = 'It''s' AND Song_release_year IS NOT NULL AND Age IS NULL",
                "SELECT Year FROM concert GROUP BY Year HAVING COUNT(*) > 1 ORDER BY COUNT(*) DESC, Year ASC LIMIT 1",
                "SELECT COUNT(*) FROM (SELECT Name FROM singer INTERSECT SELECT Name FROM stadium) AS T1",
                "SELECT T1.* FROM singer AS T1 WHERE EXISTS (SELECT * FROM singer_in_concert AS T2 WHERE T2.Singer_ID = T1.Singer_ID)",
                "SELECT Name AS n FROM singer ORDER BY n LIMIT 3 OFFSET 1",
                "SELECT Name FROM singer WHERE Age <> -1 AND Age != 1.5e3 AND Age <= 2. AND Country IN ('France', 'Spain');",
                "select name from singer as t1 where t1.age > 20 order by t1.age desc limit 1",
                "SELECT \"Name\", `Age` FROM \"singer\" AS T1 WHERE T1.\"Country\" = 'France'",
                "SELECT singer.Name FROM singer LEFT OUTER JOIN singer_in_concert ON singer.Singer_ID = singer_in_concert.Singer_ID",
                "  SELECT\nName\tFROM singer  ",
                "SELECT LENGTH(Name), UPPER(Country) || 'x' FROM singer",
                "SELECT * FROM singer_in_concert UNION SELECT concert_ID, Stadium_ID FROM concert",
                "SELECT T2.*, T1.Name FROM singer AS T1 JOIN singer_in_concert AS T2 INTERSECT SELECT *, concert_ID FROM singer_in_concert",
                "SELECT Name FROM singer WHERE EXISTS (SELECT * FROM concert) AND Age IN (SELECT MAX(Age) FROM singer UNION SELECT MIN(Age) FROM singer)")) {
            assertComplete(TOLERANT, sql);
        }
        assertComplete(STRICT, "SELECT T1.Name FROM singer AS T1 JOIN concert AS T2 ON T1.Singer_ID = T2.Stadium_ID");
    }

    @Test
    void neverStartsAComment() {
        // SQLite would run `WHERE Age =` cut short by `--`, or read the rest as a comment after `/*`
        assertNull(feed(TOLERANT, "SELECT Name FROM singer WHERE Age = --"), "-- starts a line comment");
        assertNull(feed(TOLERANT, "SELECT Name FROM singer WHERE Age = -").advance("-1"), "across chunks too");
        assertNull(feed(TOLERANT, "SELECT Name FROM singer WHERE Age = Age /*"), "/* starts a block comment");
        assertComplete(TOLERANT, "SELECT Name FROM singer WHERE Age = - -1 AND Age = Age / 2 * 3");
    }

    @Test
    void aliasUsedBeforeFromIsCheckedWhenBound() {
        // T1.Name is read before T1 exists; it is checked once T1 is bound
        assertComplete(TOLERANT, "SELECT T1.Name FROM singer AS T1");
        assertNotNull(feed(TOLERANT, "SELECT T1.Capacity FROM singer AS T"));
        assertNull(feed(TOLERANT, "SELECT T1.Capacity FROM singer AS T1 "), "Capacity is a column of stadium, not of singer");
        assertComplete(TOLERANT, "SELECT T2.Capacity FROM singer AS T1 JOIN stadium AS T2");
        // unqualified: checked when FROM ends
        ConstraintState s = feed(TOLERANT, "SELECT Capacity FROM singer");
        assertNotNull(s, "stadium may still be joined");
        assertFalse(s.canEnd());
        assertNotNull(s.advance(" WHERE"), "in tolerant mode WHERE... may still be an alias (FROM singer whereabouts)");
        assertNull(s.advance(" WHERE "), "FROM has ended without a table with Capacity");
        assertNull(feed(STRICT, "SELECT Capacity FROM singer WHERE"), "strict aliases: WHERE can only be the keyword");
        // a qualifier never bound
        assertFalse(feed(TOLERANT, "SELECT T3.Name FROM singer AS T1").canEnd());
        assertFalse(feed(TOLERANT, "SELECT T3.* FROM singer AS T1").canEnd());
        assertTrue(feed(TOLERANT, "SELECT T1.* FROM singer AS T1").canEnd());
        assertNull(feed(TOLERANT, "SELECT T3.Name FROM singer AS T1 WHERE"));
    }

    @Test
    void rejectsUnknownNames() {
        assertNull(feed(TOLERANT, "SELECT Name FROM singerz"), "unknown table");
        assertNull(feed(TOLERANT, "SELECT Name FROM teacher"), "unknown table (first letters)");
        assertNull(feed(TOLERANT, "SELECT Nmae FROM"), "unknown column in the select list");
        assertNull(feed(TOLERANT, "SELECT Name FROM singer WHERE Agee"), "unknown column after FROM");
        assertNull(feed(TOLERANT, "SELECT Name FROM singer WHERE Capacity"), "a column of a table not in FROM");
        assertNull(feed(TOLERANT, "SELECT T1.Name FROM singer AS T1 JOIN concert AS T2 ON T2.Age"), "column of the wrong table via alias");
        assertNull(feed(TOLERANT, "SELECT Name FROM singer AS T1 WHERE T2."), "undeclared alias");
        assertNull(feed(TOLERANT, "SELECT Name FROM singer AS T1 WHERE singer.Age > 1"), "a table with an alias is known by its alias only");
        assertNull(feed(TOLERANT, "SELECT Name FROM singer AS T1 JOIN stadium AS T1 "), "alias bound twice");
        assertFalse(feed(TOLERANT, "SELECT Name FROM singer AS T1 JOIN stadium AS T2").canEnd(), "Name is ambiguous");
        assertNull(feed(TOLERANT, "SELECT COUNT(*) FROM singer WHERE Name IN (SELECT Capacity FROM singer)"), "subquery scope");
        assertNull(feed(TOLERANT, "SELECT Name FROM stadium AS T1 WHERE EXISTS (SELECT T1.Capacity FROM singer AS T1)"),
                "the inner T1 (singer) hides the outer one (stadium)");
        assertNull(feed(TOLERANT, "SELECT Capacity FROM stadium WHERE EXISTS (SELECT Name FROM singer AS T1 JOIN stadium AS T2)"),
                "Name is ambiguous in the subquery, whatever the outer query has");
        assertComplete(TOLERANT, "SELECT Name FROM stadium AS T1 WHERE EXISTS (SELECT Age FROM singer WHERE T1.Capacity > Age)");
        assertNull(feed(TOLERANT, "SELECT FOO(Name) FROM singer"), "unknown function");
        assertNull(feed(TOLERANT, "SELECT SUM(*) FROM singer"), "* only in COUNT");
        assertFalse(feed(TOLERANT, "SELECT * FROM singer_in_concert UNION SELECT *, Name FROM stadium").canEnd(), "2 columns against 8");
        assertNull(feed(TOLERANT, "SELECT Name FROM singer UNION SELECT Name, "), "more columns than the left side");
        assertNull(feed(TOLERANT, "SELECT Name, Age FROM singer UNION SELECT Name FROM"), "fewer columns than the left side, known at FROM");
        assertNull(feed(TOLERANT, "SELECT Country FROM singer AS T1 JOIN stadium AS T2 WHERE Nam"), "Name would be ambiguous: no completion");
        assertNotNull(feed(TOLERANT, "SELECT Country FROM singer AS T1 JOIN stadium AS T2 WHERE Capa"));
        assertFalse(feed(TOLERANT, "SELECT * FROM concert EXCEPT SELECT * FROM singer_in_concert").canEnd(), "5 columns against 2");
        assertNull(feed(TOLERANT, "SELECT Name FROM singer WHERE Age IN (SELECT Age, "), "IN takes one column");
        assertNull(feed(TOLERANT, "SELECT Name FROM singer WHERE Age > (SELECT Age, "), "a scalar subquery has one column");
        assertNull(feed(TOLERANT, "SELECT Name FROM singer WHERE Age IN (SELECT * FROM singer)"), "* of singer is 7 columns");
        assertNull(feed(TOLERANT, "SELECT T1.* + "), "T1.* is a whole item");
        assertNull(feed(TOLERANT, "SELECT Name FROM singer WHERE COUNT("), "aggregate in WHERE");
        assertNull(feed(TOLERANT, "SELECT Name FROM singer WHERE Age > 1 AND (MAX("), "aggregate in WHERE, in parentheses");
        assertNull(feed(TOLERANT, "SELECT Name FROM singer GROUP BY COUNT("), "aggregate in GROUP BY");
        assertNull(feed(TOLERANT, "SELECT COUNT(MAX("), "aggregate in an aggregate");
        assertNull(feed(TOLERANT, "SELECT T1.Name FROM singer AS T1 JOIN concert AS T2 ON SUM("), "aggregate in ON");
        assertComplete(TOLERANT, "SELECT Name FROM singer WHERE Age > (SELECT AVG(Age) FROM singer) GROUP BY Name HAVING COUNT(*) > 1 ORDER BY MAX(Age)");
        assertComplete(TOLERANT, "SELECT ABS(MAX(Age) - MIN(Age)), LENGTH(Name) FROM singer WHERE LENGTH(Name) > 3");
    }

    @Test
    void rejectsKeywordsOutOfOrderAndBadSyntax() {
        assertNull(feed(TOLERANT, "SELECT Name WHERE"), "WHERE before FROM");
        assertNull(feed(TOLERANT, "FROM singer"), "must start with SELECT");
        assertNull(feed(TOLERANT, "SELECT Name FROM singer ORDER BY Age WHERE"), "WHERE after ORDER BY");
        assertNull(feed(TOLERANT, "SELECT Name FROM singer LIMIT 1 ORDER"), "ORDER after LIMIT");
        assertNull(feed(TOLERANT, "SELECT Name FROM singer ORDER BY Age LIMIT 1 UNION"), "ORDER BY before UNION (SQLite refuses it)");
        assertNull(feed(TOLERANT, "SELECT Name FROM singer HAVING "), "HAVING without GROUP BY");
        assertNull(feed(STRICT, "SELECT Name FROM singer HAVING"), "HAVING without GROUP BY");
        assertNull(feed(TOLERANT, "SELECT Name FROM singer GROUP Age"), "GROUP without BY");
        assertNull(feed(TOLERANT, "SELECT Name FROM singer WHERE Age > 1 WHERE"), "two WHERE");
        assertNull(feed(TOLERANT, "SELECT Name FROM singer)"), ") without (");
        assertNull(feed(TOLERANT, "SELECT Name FROM singer WHERE (Age > 1))"), "one ) too many");
        assertNull(feed(TOLERANT, "SELECT Name FROM singer WHERE Age > > 1"), "two operators");
        assertNull(feed(TOLERANT, "SELECT Name FROM singer WHERE Age BETWEEN 1 OR 2"), "BETWEEN without AND");
        assertNull(feed(TOLERANT, "SELECT Name FROM singer LIMIT 'a'"), "LIMIT takes a number");
        assertNull(feed(TOLERANT, "SELECT Name FROM singer WHERE Age = 1a"), "a number glued to a word");
        assertNull(feed(TOLERANT, "SELECT Name FROM singer WHERE Age ! 1"), "! must be !=");
        assertNull(feed(TOLERANT, "SELECT Name FROM singer; SELECT"), "one statement");
        assertNull(feed(TOLERANT, "SELECT Name FROM singer AS SELECT "), "a keyword is no alias");
    }

    @Test
    void cannotEndInTheMiddle() {
        for (String prefix : List.of("", "SELECT", "SELECT Name", "SELECT Name FROM", "SELECT Name FROM singer WHERE",
                "SELECT Name FROM singer WHERE Age >", "SELECT COUNT(", "SELECT COUNT(*", "SELECT Name FROM singer WHERE Country = 'France",
                "SELECT Name FROM singer WHERE Age IN (SELECT Age FROM singer", "SELECT Name FROM singer WHERE Age BETWEEN 1",
                "SELECT Name FROM singer ORDER BY", "SELECT Name FROM singer LIMIT", "SELECT Name FROM singer UNION",
                "SELECT Name FROM singer AS", "SELECT Name FROM singer JOIN", "SELECT \"Name", "SELECT Name FROM singer WHERE Age = 1e")) {
            ConstraintState s = feed(TOLERANT, prefix);
            assertNotNull(s, prefix);
            assertFalse(s.canEnd(), prefix);
        }
        assertTrue(feed(TOLERANT, "SELECT Name FROM singer WHERE Country = 'France'").canEnd());
        assertTrue(feed(TOLERANT, "SELECT Name FROM singer WHERE Age = 1e5").canEnd());
        assertFalse(feed(TOLERANT, "SELECT Name FROM sing").canEnd(), "a table name cut short");
    }

    @Test
    void strictAliasesFollowTheNormalizer() {
        assertNull(feed(STRICT, "SELECT Name FROM singer AS s"));
        assertNull(feed(STRICT, "SELECT x.Name FROM"));
        assertComplete(TOLERANT, "SELECT s.Name FROM singer AS s");
        assertComplete(STRICT, "SELECT singer.Name FROM singer");
        assertComplete(STRICT, "SELECT T1.Name FROM singer AS T1");
    }

    @Test
    void statesAreImmutableAndShareable() throws Exception {
        ConstraintState s = feed(TOLERANT, "SELECT Name FROM singer WHERE Age");
        ConstraintState a = s.advance(" > 3");
        ConstraintState b = s.advance("x");
        ConstraintState c = s.advance(" LIKE 'a%'");
        assertNotNull(a);
        assertNull(b);
        assertTrue(a.canEnd());
        assertTrue(c.canEnd());
        assertTrue(s.canEnd(), "Age alone is a complete condition, untouched by the advances above");
        assertSame(s, s);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Boolean>> fs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String tail = i % 2 == 0 ? " = 1 ORDER BY Name" : " > (SELECT AVG(Age) FROM singer)";
                fs.add(pool.submit(() -> {
                    boolean ok = true;
                    for (int k = 0; k < 200; k++) ok &= s.advance(tail).canEnd();
                    return ok;
                }));
            }
            for (Future<Boolean> f : fs) assertTrue(f.get());
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void everyFixtureGoldQueryIsAccepted() {
        List<ConstraintAudit.Gold> gold = GoldSql.read(SpiderFixtures.MINI.resolve("dev_gold.sql")).stream()
                .map(g -> new ConstraintAudit.Gold(g.dbId(), g.sql())).toList();
        for (SqlConstraint.Options options : List.of(SqlConstraint.Options.TOLERANT, SqlConstraint.Options.NORMALIZED,
                SqlConstraint.Options.NORMALIZED.withLimits(QuestionConstraint.LIMITS))) {
            ConstraintAudit.Report r = ConstraintAudit.run(gold, SCHEMAS, options, 1);
            System.out.println("spider-mini gold, " + options + ": " + r);
            assertEquals(297, r.queries());
            assertEquals(297, r.checked());
            if (options.limits() == QuestionConstraint.LIMITS) {
                // the structure limits bind a table once per FROM clause: flight_2 joins airports twice (source, destination)
                assertEquals(2, r.failures().size(), r.failures()::toString);
                r.failures().forEach(f -> assertTrue(f.sql().contains("JOIN airports AS T3"), f::toString));
            } else {
                assertEquals(List.of(), r.failures());
            }
            assertTrue(r.prefixesThatCanEnd() < r.properPrefixes() / 5, r::toString);
        }
    }

    /**
     * No reachable state is stuck: from gold prefixes extended by random SQL pieces, some character
     * (every BPE vocabulary holds all single characters) is allowed or the query can end.
     */
    @Test
    void noReachableStateRefusesEveryCharacter() {
        List<GoldSql> gold = GoldSql.read(SpiderFixtures.MINI.resolve("dev_gold.sql"));
        java.util.regex.Pattern piece = java.util.regex.Pattern.compile(" ?[A-Za-z_]{1,5}|[0-9]+|'[^']{0,4}|[^A-Za-z0-9_' ]| ");
        List<String> pool = new ArrayList<>();
        List<String> sqls = new ArrayList<>();
        for (GoldSql g : gold) {
            String sql = SqlNormalizer.normalize(g.sql(), SCHEMAS.get(g.dbId()));
            sqls.add(sql);
            java.util.regex.Matcher m = piece.matcher(sql);
            while (m.find()) pool.add(m.group());
        }
        java.util.Random random = new java.util.Random(3);
        List<String> stuck = new ArrayList<>();
        for (SqlConstraint.Options options : List.of(SqlConstraint.Options.TOLERANT, SqlConstraint.Options.NORMALIZED,
                SqlConstraint.Options.NORMALIZED.withLimits(QuestionConstraint.LIMITS))) {
            Map<String, SqlConstraint> constraints = new java.util.HashMap<>();
            for (int n = 0; n < 3000; n++) {
                int q = random.nextInt(gold.size());
                String sql = sqls.get(q);
                SqlConstraint c = constraints.computeIfAbsent(gold.get(q).dbId(), k -> new SqlConstraint(SCHEMAS.get(k), options));
                String text = sql.substring(0, random.nextInt(sql.length()));
                ConstraintState s = c.initial().advance(text);
                if (s == null) continue;     // a gold query the limits refuse (arithmetic, a fourth condition, ...)
                for (int k = 0; k < 3; k++) {
                    String p = pool.get(random.nextInt(pool.size()));
                    ConstraintState next = s.advance(p);
                    if (next != null) {
                        s = next;
                        text += p;
                    }
                }
                if (s.canEnd()) continue;
                boolean any = false;
                for (char ch = 32; ch < 127 && !any; ch++) any = s.advance(String.valueOf(ch)) != null;
                if (!any) stuck.add(options + ": " + text);
            }
        }
        assertEquals(List.of(), stuck);
    }

    /**
     * Soundness against SQLite itself: every proper prefix of a fixture gold query that the constraint
     * calls complete compiles on its database.
     */
    @Test
    void prefixesThatCanEndCompileInSqlite() throws SQLException {
        List<ConstraintAudit.Gold> gold = GoldSql.read(SpiderFixtures.MINI.resolve("dev_gold.sql")).stream()
                .map(g -> new ConstraintAudit.Gold(g.dbId(), g.sql())).toList();
        List<String> wrong = new ArrayList<>();
        int tested = prefixesSqliteRefuses(gold, SCHEMAS, SpiderFixtures.MINI.resolve("database"), wrong);
        System.out.println("spider-mini: " + tested + " distinct proper prefixes can end; SQLite rejects " + wrong.size());
        assertTrue(tested > 500, "tested " + tested);
        assertEquals(List.of(), wrong);
    }

    /** Prepares in SQLite every distinct proper prefix that can end; adds the refused ones to wrong; returns how many were tried. */
    static int prefixesSqliteRefuses(List<ConstraintAudit.Gold> gold, Map<String, DatabaseSchema> schemas,
                                     java.nio.file.Path databaseDir, List<String> wrong) throws SQLException {
        int tested = 0;
        Set<String> seen = new HashSet<>();
        Map<String, SqlConstraint> constraints = new java.util.HashMap<>();
        for (ConstraintAudit.Gold g : gold) {
            DatabaseSchema schema = schemas.get(g.dbId());
            java.nio.file.Path db = SqliteDatabases.inDatabaseDir(databaseDir, g.dbId());
            if (schema == null || !java.nio.file.Files.isRegularFile(db)) continue;
            String sql = SqlNormalizer.normalize(g.sql(), schema);
            SqlConstraint c = constraints.computeIfAbsent(g.dbId(), k -> new SqlConstraint(schema));
            try (Connection conn = SqliteDatabases.openReadOnly(db)) {
                ConstraintState s = c.initial();
                for (int i = 0; i < sql.length() - 1; i++) {
                    s = s.advance(sql.substring(i, i + 1));
                    if (!s.canEnd()) continue;
                    String prefix = sql.substring(0, i + 1).strip();
                    if (!seen.add(g.dbId() + prefix)) continue;
                    tested++;
                    try (PreparedStatement ps = conn.prepareStatement(prefix)) {
                        assertNotNull(ps);
                    } catch (SQLException e) {
                        wrong.add(g.dbId() + ": " + prefix + " -> " + e.getMessage());
                    }
                }
            }
        }
        return tested;
    }
}
