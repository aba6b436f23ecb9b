package dev.vantage.data.sql;

import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.SchemaReaders;
import dev.vantage.data.schema.SpiderFixtures;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class SchemaUsageTest {
    static final DatabaseSchema CONCERT = SchemaReaders.fromSqlite(SpiderFixtures.miniDb("concert_singer"));

    @Test void resolvesAliasesUnqualifiedColumnsAndSubqueries() {
        SchemaUsage u = SchemaUsage.of("SELECT T2.name, count(*) FROM singer_in_concert AS T1 JOIN singer AS T2 ON T1.singer_id = T2.singer_id "
                + "WHERE age > (SELECT avg(age) FROM singer) AND Country = \"France\" GROUP BY T2.name", CONCERT);
        assertEquals(Set.of("singer", "singer_in_concert"), u.tables());
        assertEquals(Set.of("singer.name", "singer_in_concert.singer_id", "singer.singer_id", "singer.age", "singer.country"), u.columns());
    }

    @Test void starAndStringsAreNoColumns() {
        SchemaUsage u = SchemaUsage.of("SELECT * FROM stadium WHERE name = \"Glebe Park\"", CONCERT);
        assertEquals(Set.of("stadium"), u.tables());
        assertEquals(Set.of("stadium.name"), u.columns());
    }
}
