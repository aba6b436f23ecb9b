package dev.vantage.data.schema;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class JoinGraphTest {
    static final DatabaseSchema CONCERTS = SchemaReaders.fromTablesJson(SpiderFixtures.MINI.resolve("tables.json")).get("concert_singer");

    @Test
    void shortestPathThroughALinkTable() {
        JoinGraph g = JoinGraph.of(CONCERTS);
        assertEquals(List.of(
                new ForeignKey("singer_in_concert", "Singer_ID", "singer", "Singer_ID"),
                new ForeignKey("singer_in_concert", "concert_ID", "concert", "concert_ID"),
                new ForeignKey("concert", "Stadium_ID", "stadium", "Stadium_ID")), g.path("Singer", "stadium"));
        assertEquals(List.of(new ForeignKey("concert", "Stadium_ID", "stadium", "Stadium_ID")), g.path("stadium", "concert"));
        assertEquals(List.of(), g.path("singer", "singer"));
        assertTrue(g.connected("singer", "stadium"));
    }

    @Test
    void disconnectedAndUnknownTables() {
        DatabaseSchema s = new DatabaseSchema("d", List.of(new Table("a", List.of(new Column("x", "", true))),
                new Table("b", List.of(new Column("x", "", false)))), List.of(new ForeignKey("a", "x", "a", "x")));
        JoinGraph g = JoinGraph.of(s);
        assertEquals(List.of(), g.path("a", "b"));
        assertFalse(g.connected("a", "b"));
        assertThrows(IllegalArgumentException.class, () -> g.path("a", "zzz"));
    }

    @Test
    void joinTreeCoversRequestedTables() {
        JoinGraph g = JoinGraph.of(CONCERTS);
        List<ForeignKey> tree = g.joinTree(List.of("singer", "stadium"));
        assertEquals(3, tree.size());
        assertEquals(List.of("stadium", "singer_in_concert"), g.neighbors("concert"));
        assertEquals(List.of(), g.joinTree(List.of("singer")));
    }
}
