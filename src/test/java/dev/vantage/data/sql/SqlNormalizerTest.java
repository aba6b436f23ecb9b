package dev.vantage.data.sql;

import dev.vantage.data.schema.Column;
import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.ForeignKey;
import dev.vantage.data.schema.SchemaReaders;
import dev.vantage.data.schema.SpiderFixtures;
import dev.vantage.data.schema.SqliteDatabases;
import dev.vantage.data.schema.Table;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SqlNormalizerTest {
    static final DatabaseSchema CONCERTS = SchemaReaders.fromSqlite(SpiderFixtures.miniDb("concert_singer"));

    private static String norm(String sql) {
        return SqlNormalizer.normalize(sql, CONCERTS);
    }

    @Test
    void keywordsFunctionsAndSpacing() {
        assertEquals("SELECT COUNT(*) FROM singer", norm("select count(*)   from  SINGER ;"));
        assertEquals("SELECT Name, Country, Age FROM singer ORDER BY Age DESC", norm("SELECT name ,  country ,  age FROM singer ORDER BY age DESC"));
        assertEquals("SELECT Name FROM singer ORDER BY Age", norm("SELECT name FROM singer ORDER BY age asc"));
        assertEquals("SELECT Name FROM singer WHERE Country != 'France'", norm("SELECT name FROM singer WHERE country <> 'France'"));
    }

    @Test
    void spiderDoubleQuotedStringsBecomeLiterals() {
        assertEquals("SELECT Name FROM singer WHERE Country = 'France'", norm("SELECT name FROM singer WHERE country = \"France\""));
        assertEquals("SELECT Name FROM singer WHERE Name = 'O''Neil'", norm("SELECT name FROM singer WHERE name = \"O'Neil\""));
        // a double-quoted name that is a column in scope stays a column (SQLite's rule)
        assertEquals("SELECT Name FROM singer WHERE Name = Name", norm("SELECT \"name\" FROM singer WHERE \"Name\" = \"Name\""));
    }

    @Test
    void aliasesRenumberedAndDroppedForSingleTables() {
        assertEquals("SELECT T2.Name FROM singer_in_concert AS T1 JOIN singer AS T2 ON T1.Singer_ID = T2.Singer_ID",
                norm("SELECT s.name FROM singer_in_concert sic INNER JOIN singer AS s ON sic.singer_id = s.singer_id"));
        assertEquals("SELECT Name FROM singer WHERE Age > 20", norm("SELECT T1.name FROM singer AS T1 WHERE T1.age > 20"));
        // branches of a compound query restart at T1
        assertEquals("SELECT T1.Name FROM stadium AS T1 JOIN concert AS T2 ON T1.Stadium_ID = T2.Stadium_ID WHERE T2.Year = 2014"
                        + " INTERSECT SELECT T1.Name FROM stadium AS T1 JOIN concert AS T2 ON T1.Stadium_ID = T2.Stadium_ID WHERE T2.Year = 2015",
                norm("SELECT a.name FROM stadium a JOIN concert b ON a.stadium_id = b.stadium_id WHERE b.year = 2014 INTERSECT "
                        + "SELECT x.name FROM stadium x JOIN concert y ON x.stadium_id = y.stadium_id WHERE y.year = 2015"));
    }

    @Test
    void correlatedSubqueryKeepsItsOuterAlias() {
        String sql = "SELECT s.name FROM singer s WHERE s.age > (SELECT avg(s2.age) FROM singer s2 WHERE s2.country = s.country)";
        String out = norm(sql);
        assertEquals("SELECT T1.Name FROM singer AS T1 WHERE T1.Age > (SELECT AVG(Age) FROM singer WHERE Country = T1.Country)", out);
        assertSameRows(sql, out);
    }

    @Test
    void uncorrelatedSubqueryRestartsAtT1() {
        String sql = "SELECT a.name FROM stadium a JOIN concert b ON a.stadium_id = b.stadium_id WHERE a.capacity > "
                + "(SELECT avg(x.capacity) FROM stadium x JOIN concert y ON x.stadium_id = y.stadium_id)";
        String out = norm(sql);
        assertEquals("SELECT T1.Name FROM stadium AS T1 JOIN concert AS T2 ON T1.Stadium_ID = T2.Stadium_ID WHERE T1.Capacity > "
                + "(SELECT AVG(T1.Capacity) FROM stadium AS T1 JOIN concert AS T2 ON T1.Stadium_ID = T2.Stadium_ID)", out);
        assertSameRows(sql, out);
    }

    @Test
    void derivedTablesGetAliases() {
        String sql = "SELECT count(*) FROM (SELECT country FROM singer GROUP BY country) sub WHERE sub.country != 'France'";
        String out = norm(sql);
        assertEquals("SELECT COUNT(*) FROM (SELECT Country FROM singer GROUP BY Country) AS T1 WHERE T1.Country != 'France'", out);
        assertSameRows(sql, out);
    }

    @Test
    void maskingKeepsLimits() {
        assertEquals("SELECT Name FROM singer WHERE Country = 'value' AND Age > 'value' ORDER BY Age LIMIT 3",
                SqlNormalizer.normalize("SELECT name FROM singer WHERE country = \"France\" AND age > -20 ORDER BY age LIMIT 3",
                        CONCERTS, NormalizationOptions.MASK_VALUES));
    }

    @Test
    void withoutSchemaNamesKeepTheirSpelling() {
        assertEquals("SELECT T1.nAme FROM Singer AS T1 JOIN concert AS T2 ON T1.id = T2.sid WHERE T2.x = 'y'",
                SqlNormalizer.normalize("select a.nAme from Singer a join concert b on a.id = b.sid where b.x = \"y\"", null));
    }

    @Test
    void idempotent() {
        for (String sql : List.of(
                "SELECT T1.name FROM singer AS T1 WHERE T1.age > 20",
                "SELECT s.name FROM singer s WHERE s.age > (SELECT avg(s2.age) FROM singer s2 WHERE s2.country = s.country)",
                "select count(*) from concert where year = \"2014\" or year = \"2015\"")) {
            String once = norm(sql);
            assertEquals(once, norm(once), sql);
        }
    }

    @Test
    void quotesNamesThatNeedIt() {
        DatabaseSchema s = new DatabaseSchema("d", List.of(new Table("my table", List.of(new Column("home town", "text", false),
                new Column("order", "int", false)))), List.<ForeignKey>of());
        assertEquals("SELECT \"home town\" FROM \"my table\" WHERE \"order\" = 1",
                SqlNormalizer.normalize("SELECT `home town` FROM \"my table\" WHERE \"order\" = 1", s));
    }

    @Test
    void errorsQuoteTheSql() {
        SqlParseException e = assertThrows(SqlParseException.class, () -> norm("SELECT FROM WHERE"));
        assertTrue(e.getMessage().startsWith("cannot parse SQL: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("in: SELECT FROM WHERE"), e.getMessage());
        assertFalse(e.getMessage().contains("Exception"), e.getMessage());
        SqlParseException notQuery = assertThrows(SqlParseException.class, () -> norm("DELETE FROM singer"));
        assertTrue(notQuery.getMessage().startsWith("not a query"), notQuery.getMessage());
        assertThrows(SqlParseException.class, () -> norm("  "));
    }

    private static void assertSameRows(String a, String b) {
        try (Connection c = SqliteDatabases.openReadOnly(SpiderFixtures.miniDb("concert_singer"))) {
            TrustedSql.Rows ra = TrustedSql.run(c, a, 10, 10_000), rb = TrustedSql.run(c, b, 10, 10_000);
            assertFalse(ra.rows().isEmpty(), "fixture query should return rows: " + a);
            assertTrue(ra.sameRows(rb, NormalizationAudit.ordered(a)), a + "\n" + b);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
