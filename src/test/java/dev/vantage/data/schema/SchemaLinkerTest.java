package dev.vantage.data.schema;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SchemaLinkerTest {
    static final DatabaseSchema CONCERTS = new DatabaseSchema("concerts", List.of(
            new Table("singer", List.of(new Column("Singer_ID", "int", true), new Column("Name", "text", false),
                    new Column("Country", "text", false), new Column("Song_release_year", "text", false),
                    new Column("fname", "text", false, "first name", List.of()))),
            new Table("concert", List.of(new Column("concert_ID", "int", true), new Column("concertName", "text", false))),
            new Table("prereq", List.of(new Column("course_id", "text", false)), "prerequisite")),
            List.of());

    private static NameMatch.Kind table(SchemaLinks l, String t) {
        return l.table(t).map(NameMatch::kind).orElse(null);
    }

    private static NameMatch.Kind column(SchemaLinks l, String t, String c) {
        return l.column(t, c).map(NameMatch::kind).orElse(null);
    }

    @Test void exactMatchesAllWordsInARowIgnoringCaseUnderscoresAndCamelCase() {
        SchemaLinks l = SchemaLinker.link("Show the song release year and concert name of each singer.", CONCERTS);
        assertEquals(NameMatch.Kind.EXACT, table(l, "singer"));
        assertEquals(NameMatch.Kind.EXACT, column(l, "singer", "Song_release_year"));
        assertEquals(NameMatch.Kind.EXACT, column(l, "concert", "concertName"));
        assertEquals(NameMatch.Kind.EXACT, table(l, "concert"));
        assertNull(column(l, "singer", "Country"));
    }

    @Test void pluralsAndStemsMatchTheirSingular() {
        SchemaLinks l = SchemaLinker.link("How many singers are there in all countries?", CONCERTS);
        assertEquals(NameMatch.Kind.EXACT, table(l, "singer"));
        assertEquals(NameMatch.Kind.EXACT, column(l, "singer", "Country"));
        assertEquals("countri", NameWords.stem("countries").replace("y", "i").substring(0, 7));
        assertEquals(NameWords.stem("named"), NameWords.stem("name"));
    }

    @Test void partialWhenOnlySomeWordsOccur() {
        SchemaLinks l = SchemaLinker.link("Which year was the song released?", CONCERTS);
        NameMatch m = l.column("singer", "Song_release_year").orElseThrow();
        assertEquals(NameMatch.Kind.PARTIAL, m.kind()); // song, release(d), year: not in a row
        SchemaLinks two = SchemaLinker.link("Which songs are there?", CONCERTS);
        assertTrue(two.column("singer", "Song_release_year").orElseThrow().score() < m.score(), "fewer words found, lower score");
    }

    @Test void readableNamesAndDescriptionsLinkToo() {
        SchemaLinks l = SchemaLinker.link("List the first names and the prerequisites.", CONCERTS);
        assertEquals(NameMatch.Kind.EXACT, column(l, "singer", "fname"));
        assertEquals(NameMatch.Kind.EXACT, table(l, "prereq"));
    }

    @Test void stopwordsAndShortWordsNeverLinkAlone() {
        DatabaseSchema s = new DatabaseSchema("x", List.of(new Table("t", List.of(new Column("number", "int", false),
                new Column("id", "int", false), new Column("is_open", "int", false)))), List.of());
        SchemaLinks l = SchemaLinker.link("What is the number of rows? Is it open?", s);
        assertNull(column(l, "t", "number"));
        assertNull(column(l, "t", "id"));
        assertEquals(NameMatch.Kind.PARTIAL, column(l, "t", "is_open")); // "is" ... "open", not in a row
        assertEquals(SchemaLinks.none(), SchemaLinker.link("   ", s));
    }

    @Test void valuesLinkThroughTheIndex() {
        DatabaseSchema s = SchemaReaders.fromSqlite(SpiderFixtures.miniDb("concert_singer"));
        SchemaLinks l = SchemaLinker.link("Which singers are from France?", s, ValueIndex.build(SpiderFixtures.miniDb("concert_singer")), 2);
        assertEquals(List.of("France"), l.values("singer", "Country"));
        assertEquals(1.0, l.columnScore("singer", "country"));
        assertTrue(l.tableScore(s.table("singer").orElseThrow()) > l.tableScore(s.table("stadium").orElseThrow()));
    }

    @Test void deterministicAndFastOnHugeInput() {
        List<Table> tables = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            List<Column> cols = new ArrayList<>();
            for (int c = 0; c < 10; c++) cols.add(new Column("field_" + c + "_of_thing" + i, "text", c == 0));
            tables.add(new Table("thing" + i, cols));
        }
        DatabaseSchema big = new DatabaseSchema("big", tables, List.of());
        String question = "What is the field 3 of thing 12 and things ".repeat(250); // ~10,000 characters
        // CPU time of this thread: the machine is shared, wall time measures the other jobs too
        var bean = java.lang.management.ManagementFactory.getThreadMXBean();
        long t0 = bean.getCurrentThreadCpuTime();
        SchemaLinks a = SchemaLinker.link(question, big);
        long ms = (bean.getCurrentThreadCpuTime() - t0) / 1_000_000;
        System.out.println("CPU ms: " + ms);
        assertEquals(a, SchemaLinker.link(question, big));
        assertTrue(ms < 2000, "took " + ms + " ms of CPU");
        assertEquals(NameMatch.Kind.EXACT, column(a, "thing12", "field_3_of_thing12")); // "field 3 of thing 12"
        assertEquals(NameMatch.Kind.PARTIAL, column(a, "thing13", "field_3_of_thing13"));
    }
}
