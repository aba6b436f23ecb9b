package dev.vantage.data.dataset;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vantage.data.Example;
import dev.vantage.data.TestData;
import dev.vantage.data.schema.Column;
import dev.vantage.data.schema.DatabaseSchema;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class WikiSqlLoaderTest {
    private final WikiSqlLoader wikisql = new WikiSqlLoader(TestData.resource("wikisql-mini"));

    @Test void turnsLogicalFormsIntoSqlWithTheOfficialSemantics() {
        LoadedSplit dev = wikisql.load("dev");
        List<String> sql = dev.examples().stream().map(Example::sql).toList();
        assertEquals(List.of(
                "SELECT col5 FROM table_1_1000181_1 WHERE col3 = 'south australia'",
                "SELECT COUNT(col0) FROM table_1_1000181_1 WHERE col1 = 'blue/white'",
                "SELECT col1 FROM table_2_10007452_3 WHERE col0 = 1998.0",
                "SELECT MAX(col0) FROM table_2_10007452_3 WHERE col5 = 'diesel'",
                "SELECT COUNT(col2) FROM table_2_10007452_3 WHERE col0 > 1995.0 AND col5 = 'diesel'",
                "SELECT col2 FROM table_2_10007452_3 WHERE col3 = '465-467 (3)'"), sql);
        assertEquals("1-1000181-1", dev.examples().getFirst().dbId());
    }

    @Test void generatedSqlExecutesOnTheOfficialDb() throws Exception {
        LoadedSplit dev = wikisql.load("dev");
        List<String> results = new ArrayList<>();
        var db = wikisql.databases().sqlitePath("1-1000181-1").orElseThrow();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            for (Example e : dev.examples()) {
                try (ResultSet rs = c.createStatement().executeQuery(e.sql())) {
                    assertTrue(rs.next(), e.sql());
                    results.add(rs.getString(1));
                }
            }
        }
        assertEquals(List.of("no slogan on current series", "2", "gillig", "1998.0", "2", "phantom (high floor)"), results);
    }

    @Test void reportsBadRows() {
        LoadReport r = wikisql.load("dev").report();
        assertEquals(9, r.rowsRead());
        assertEquals(3, r.rowsRejected());
        assertEquals("sql.agg", r.firstProblems().get(0).field());
        assertEquals("line 7", r.firstProblems().get(0).location());
        assertEquals("table_id", r.firstProblems().get(1).field());
        assertEquals("line 9", r.firstProblems().get(2).location());
        assertTrue(r.firstProblems().get(2).message().startsWith("malformed JSON"));
    }

    @Test void declaresTheSchemaOfOneTable() {
        DatabaseSchema s = wikisql.declaredSchema("2-10007452-3").orElseThrow();
        assertEquals("table_2_10007452_3", s.tables().getFirst().name());
        Column c0 = s.tables().getFirst().columns().getFirst();
        assertEquals("col0", c0.name());
        assertEquals("real", c0.type());
        assertEquals("Order Year", c0.description());
        assertEquals("Order Year", wikisql.columnDescriptions("2-10007452-3").get("table_2_10007452_3").get("col0"));
        assertTrue(wikisql.declaredSchema("nope").isEmpty());
    }

    @Test void numbersInTextAreReadAsTheOfficialEngineDoes() throws Exception {
        ObjectMapper m = new ObjectMapper();
        List<String> types = List.of("real", "text");
        assertEquals("SELECT SUM(col0) FROM table_x WHERE col0 < 3.5",
                WikiSqlQuery.toSql("x", m.readTree("{\"sel\":0,\"agg\":4,\"conds\":[[0,2,\"about 3.5 km\"]]}"), types));
        assertEquals("SELECT AVG(col0) FROM table_x WHERE col1 = 'it''s' AND col0 = 12",
                WikiSqlQuery.toSql("x", m.readTree("{\"sel\":0,\"agg\":5,\"conds\":[[1,0,\"It's\"],[0,0,12]]}"), types));
        var e = assertThrows(WikiSqlQuery.InvalidLogicalForm.class,
                () -> WikiSqlQuery.toSql("x", m.readTree("{\"sel\":0,\"agg\":0,\"conds\":[[0,0,\"none\"]]}"), types));
        assertEquals("sql.conds[0][2]", e.field);
        assertEquals("0.5", WikiSqlQuery.pythonFloat(0.5));
        assertEquals("-2.0", WikiSqlQuery.pythonFloat(-2));
    }
}
