package dev.vantage.data.schema;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

import static org.junit.jupiter.api.Assertions.*;

class SchemaPrunerTest {
    /** One token per whitespace-separated piece: additive over tables, like the real tokenizer's count. */
    static final ToIntFunction<String> WORDS = s -> s.isBlank() ? 0 : s.strip().split("\\s+").length;
    static final SerializationOptions OPTS = SerializationOptions.defaults();

    /** A chain a - b - c - d plus unrelated filler tables; each table has five columns. */
    static DatabaseSchema chain(int fillers) {
        List<Table> tables = new ArrayList<>();
        for (String t : List.of("author", "writes", "paper", "venue")) tables.add(table(t));
        for (int i = 0; i < fillers; i++) tables.add(table("filler" + i));
        return new DatabaseSchema("chain", tables, List.of(
                new ForeignKey("writes", "author_id", "author", "author_id"),
                new ForeignKey("writes", "paper_id", "paper", "paper_id"),
                new ForeignKey("paper", "venue_id", "venue", "venue_id")));
    }

    static Table table(String name) {
        return new Table(name, List.of(new Column(name + "_id", "int", true), new Column("author_id", "int", false),
                new Column("paper_id", "int", false), new Column("venue_id", "int", false), new Column("label", "text", false)));
    }

    private static List<String> names(DatabaseSchema s) {
        return s.tables().stream().map(Table::name).toList();
    }

    @Test void fitsUnchangedWhenWithinBudget() {
        DatabaseSchema s = chain(2);
        PrunedSchema p = SchemaPruner.prune(s, OPTS, SchemaLinks.none(), 10_000, WORDS);
        assertFalse(p.pruned());
        assertEquals(SchemaSerializer.serialize(s, OPTS), p.text());
        assertEquals(WORDS.applyAsInt(p.text()), p.tokens());
    }

    @Test void keepsMentionedTablesAndTheForeignKeyPathBetweenThem() {
        DatabaseSchema s = chain(30);
        SchemaLinks links = SchemaLinker.link("Which authors published in which venue?", s);
        int budget = 4 * WORDS.applyAsInt(SchemaSerializer.table(s, s.tables().getFirst(), OPTS, links)) + 20;
        PrunedSchema p = SchemaPruner.prune(s, OPTS, links, budget, WORDS);
        assertTrue(p.tokens() <= budget, p.tokens() + " > " + budget);
        assertTrue(names(p.schema()).containsAll(List.of("author", "writes", "paper", "venue")), names(p.schema()).toString());
        assertEquals(3, p.schema().foreignKeys().size(), "the keys among kept tables stay");
        assertTrue(p.pruned());
        assertEquals(s.tables().size(), p.schema().tables().size() + p.droppedTables().size());
        // the fillers' author_id/venue_id columns are partial mentions too, but rank below the chain
        assertTrue(p.droppedTables().getFirst().reason().contains("needs"), p.droppedTables().getFirst().toString());
    }

    @Test void neverCutsATableAndKeepsSchemaOrder() {
        DatabaseSchema s = chain(30);
        SchemaLinks links = SchemaLinker.link("labels of filler 7 and papers", s);
        for (int budget = 30; budget < 600; budget += 37) {
            PrunedSchema p = SchemaPruner.prune(s, OPTS, links, budget, WORDS);
            assertTrue(p.tokens() <= budget);
            for (Table t : p.schema().tables()) assertEquals(s.table(t.name()).orElseThrow(), t, "whole table " + t.name());
            List<String> kept = names(p.schema());
            List<String> inOrder = names(s).stream().filter(kept::contains).toList();
            assertEquals(inOrder, kept);
            assertEquals(p, SchemaPruner.prune(s, OPTS, links, budget, WORDS), "deterministic");
        }
    }

    @Test void mentionedTablesGoFirst() {
        DatabaseSchema s = chain(30);
        SchemaLinks links = SchemaLinker.link("What is the label of filler 17?", s);
        PrunedSchema p = SchemaPruner.prune(s, OPTS, links, 40, WORDS);
        assertTrue(names(p.schema()).contains("filler17"), names(p.schema()).toString());
    }

    @Test void aTableTooBigAloneLosesUnmentionedNonKeyColumnsFirst() {
        List<Column> cols = new ArrayList<>(List.of(new Column("id", "int", true)));
        for (int i = 0; i < 200; i++) cols.add(new Column("measure_" + i, "real", false));
        cols.add(new Column("city", "text", false));
        DatabaseSchema s = new DatabaseSchema("wide", List.of(new Table("readings", cols)), List.of());
        SchemaLinks links = SchemaLinker.link("Which city has readings?", s);
        PrunedSchema p = SchemaPruner.prune(s, OPTS, links, 60, WORDS);
        assertTrue(p.tokens() <= 60, "" + p.tokens());
        Table kept = p.schema().tables().getFirst();
        assertTrue(kept.column("id").isPresent() && kept.column("city").isPresent(), kept.toString());
        assertEquals(cols.size(), kept.columns().size() + p.droppedColumns().size());
        assertTrue(p.droppedColumns().contains("readings.measure_199"));
    }

    @Test void thousandTablesArePrunedWellUnderASecond() {
        List<Table> tables = new ArrayList<>();
        List<ForeignKey> fks = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            tables.add(new Table("t" + i, List.of(new Column("id", "int", true), new Column("parent_id", "int", false),
                    new Column("name", "text", false), new Column("amount" + i, "real", false))));
            if (i > 0) fks.add(new ForeignKey("t" + i, "parent_id", "t" + (i / 2), "id"));
        }
        DatabaseSchema s = new DatabaseSchema("big", tables, fks);
        String q = "What is the name and amount 512 of t512 and the amount of t3?";
        SchemaPruner.prune(s, OPTS, SchemaLinker.link(q, s), 400, WORDS); // warm-up
        // CPU time of this thread: the machine is shared, wall time measures the other jobs too
        var bean = java.lang.management.ManagementFactory.getThreadMXBean();
        long t0 = bean.getCurrentThreadCpuTime();
        PrunedSchema p = SchemaPruner.prune(s, OPTS, SchemaLinker.link(q, s), 400, WORDS);
        long ms = (bean.getCurrentThreadCpuTime() - t0) / 1_000_000;
        System.out.println("CPU ms: " + ms);
        assertTrue(ms < 1000, "took " + ms + " ms of CPU");
        assertTrue(p.tokens() <= 400);
        // t512 -> t256 -> ... -> t1 and t3 -> t1: the join path between the mentioned tables stays
        assertTrue(names(p.schema()).containsAll(List.of("t512", "t256", "t128", "t64", "t32", "t16", "t8", "t4", "t2", "t1", "t3")),
                names(p.schema()).toString());
    }
}
