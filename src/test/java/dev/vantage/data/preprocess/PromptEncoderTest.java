package dev.vantage.data.preprocess;

import dev.vantage.data.Example;
import dev.vantage.data.schema.Column;
import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.SchemaReaders;
import dev.vantage.data.schema.SerializationOptions;
import dev.vantage.data.schema.SpiderFixtures;
import dev.vantage.data.schema.Table;
import dev.vantage.data.schema.ValueIndex;
import dev.vantage.data.tokenizer.BpeTokenizer;
import dev.vantage.data.tokenizer.BpeTrainer;
import dev.vantage.data.tokenizer.SpecialTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PromptEncoderTest {
    static final String QUESTION = "Which singers from France are older than 40?";
    static DatabaseSchema concert;
    static ValueIndex values;
    static BpeTokenizer tok;

    @BeforeAll static void setUp() {
        concert = SchemaReaders.fromSqlite(SpiderFixtures.miniDb("concert_singer"));
        values = ValueIndex.build(SpiderFixtures.miniDb("concert_singer"));
        tok = new BpeTrainer(600, 2, SpecialTokens.ALL).quiet().train(List.of(
                QUESTION, dev.vantage.data.schema.SchemaSerializer.serialize(concert, SerializationOptions.defaults()),
                "SELECT Name FROM singer WHERE Country = 'France' AND Age > 40"));
    }

    static PromptOptions options(boolean inEncoder, boolean inDecoder, int maxSchema) {
        return new PromptOptions(SerializationOptions.defaults(), new EncodingLimits(64, 192, maxSchema), inEncoder, inDecoder, true);
    }

    @Test void markersHaveTheAppendedIdsAndFollowTheirName() {
        Prompt p = new PromptEncoder(tok, options(true, true, 512)).encode(QUESTION, concert, values);
        assertTrue(p.schemaText().contains("<table> singer <em> <col> Singer_ID <pm> : int <pk>"), p.schemaText());
        assertTrue(p.schemaText().contains("<col> Country : text <val> France"), p.schemaText());
        assertEquals(9, tok.id("<em>"));
        assertEquals(10, tok.id("<pm>"));
        assertTrue(Arrays.stream(p.schemaIds()).anyMatch(i -> i == SpecialTokens.EXACT_MATCH_ID));
        assertTrue(Arrays.stream(p.schemaIds()).anyMatch(i -> i == SpecialTokens.PARTIAL_MATCH_ID));
    }

    @Test void questionInEncoderAndOrDecoder() {
        int[] q = tok.encode(QUESTION);
        Prompt both = new PromptEncoder(tok, options(true, true, 512)).encode(QUESTION, concert, values);
        assertArrayEquals(q, Arrays.copyOf(both.schemaIds(), q.length));
        assertEquals(SpecialTokens.SEP_ID, both.schemaIds()[q.length]);
        assertEquals(SpecialTokens.TABLE_ID, both.schemaIds()[q.length + 1]);
        assertEquals(SpecialTokens.BOS_ID, both.decoderPrefix()[0]);
        assertArrayEquals(q, Arrays.copyOfRange(both.decoderPrefix(), 1, q.length + 1));
        assertEquals(SpecialTokens.SEP_ID, both.decoderPrefix()[q.length + 1]);

        Prompt encoderOnly = new PromptEncoder(tok, options(true, false, 512)).encode(QUESTION, concert, values);
        assertArrayEquals(new int[] {SpecialTokens.BOS_ID, SpecialTokens.SEP_ID}, encoderOnly.decoderPrefix());
        assertArrayEquals(both.schemaIds(), encoderOnly.schemaIds());

        Prompt decoderOnly = new PromptEncoder(tok, options(false, true, 512)).encode(QUESTION, concert, values);
        assertEquals(SpecialTokens.TABLE_ID, decoderOnly.schemaIds()[0]);
        assertArrayEquals(both.decoderPrefix(), decoderOnly.decoderPrefix());
        assertThrows(IllegalArgumentException.class, () -> options(false, false, 512));
    }

    @Test void schemaInDecoderPutsTheSchemaAfterTheQuestionInThePrefix() {
        Prompt enc = new PromptEncoder(tok, options(false, true, 512)).encode(QUESTION, concert, values);
        PromptOptions o = new PromptOptions(SerializationOptions.defaults(), new EncodingLimits(64, 192, 512), false, true, true, true);
        Prompt dec = new PromptEncoder(tok, o).encode(QUESTION, concert, values);
        assertEquals(0, dec.schemaIds().length);
        int q = enc.decoderPrefix().length;     // <bos> question <sep>
        assertArrayEquals(enc.decoderPrefix(), Arrays.copyOf(dec.decoderPrefix(), q));
        assertArrayEquals(enc.schemaIds(), Arrays.copyOfRange(dec.decoderPrefix(), q, q + enc.schemaIds().length));
        assertEquals(q + enc.schemaIds().length + 1, dec.decoderPrefix().length);
        assertEquals(SpecialTokens.SEP_ID, dec.decoderPrefix()[dec.decoderPrefix().length - 1]);
        // with no encoder input the question can only go to the decoder
        assertThrows(IllegalArgumentException.class, () -> new PromptOptions(SerializationOptions.defaults(), new EncodingLimits(64, 192, 512), true, true, true, true));
        assertThrows(IllegalArgumentException.class, () -> new PromptOptions(SerializationOptions.defaults(), new EncodingLimits(64, 192, 512), true, false, true, true));
    }

    @Test void trainingEncodingIsThePromptPlusSql() {
        PromptOptions o = options(true, true, 512);
        Example x = new Example("1", "spider", "concert_singer", QUESTION, "", "select name from singer where country = \"France\" and age > 40");
        ExampleEncoder.Result r = new ExampleEncoder(tok, o).encode(x, concert, values);
        Prompt p = new PromptEncoder(tok, o).encode(QUESTION, concert, values);
        EncodedExample e = r.example().orElseThrow();
        assertArrayEquals(p.schemaIds(), e.schemaIds());
        assertArrayEquals(p.decoderPrefix(), Arrays.copyOf(e.inputIds(), e.sqlStart()));
        assertTrue(r.sqlNormalized());
        String sql = tok.decode(Arrays.copyOfRange(e.inputIds(), e.sqlStart(), e.inputIds().length - 1));
        assertEquals("SELECT Name FROM singer WHERE Country = 'France' AND Age > 40", sql);
        assertEquals(SpecialTokens.EOS_ID, e.inputIds()[e.inputIds().length - 1]);
    }

    @Test void sqlThatDoesNotParseStaysRawAndIsCounted() {
        Example x = new Example("2", "spider", "concert_singer", QUESTION, "", "SELEC nonsense FROM");
        ExampleEncoder.Result r = new ExampleEncoder(tok, options(true, true, 512)).encode(x, concert, values);
        assertFalse(r.sqlNormalized());
        EncodedExample e = r.example().orElseThrow();
        assertEquals("SELEC nonsense FROM", tok.decode(Arrays.copyOfRange(e.inputIds(), e.sqlStart(), e.inputIds().length - 1)));
        SplitStats stats = new SplitStats();
        stats.record(r);
        assertEquals(1, stats.sqlNotNormalized());
    }

    @Test void schemaOverBudgetIsPrunedNotCut() {
        int full = new PromptEncoder(tok, options(true, true, 4096)).encode(QUESTION, concert, values).schemaIds().length;
        int budget = full - 20;
        Prompt p = new PromptEncoder(tok, options(true, true, budget)).encode(QUESTION, concert, values);
        assertTrue(p.schemaIds().length <= budget);
        assertTrue(p.pruned());
        assertFalse(p.schemaTruncated());
        assertTrue(p.schema().schema().table("singer").isPresent(), "the mentioned table stays");
        int last = p.schemaIds()[p.schemaIds().length - 1];
        assertNotEquals(SpecialTokens.TABLE_ID, last);
    }

    @Test void badInputGetsAClearError() {
        PromptEncoder enc = new PromptEncoder(tok, options(true, true, 512));
        DatabaseSchema empty = new DatabaseSchema("empty", List.of(), List.of());
        assertEquals("database 'empty' has no tables",
                assertThrows(IllegalArgumentException.class, () -> enc.encode(QUESTION, empty, null)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> enc.encode("  ", concert, null));
        BpeTokenizer old = new BpeTrainer(300, 2, SpecialTokens.ALL.subList(0, 9)).quiet().train(List.of("a b"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PromptEncoder(old, options(true, true, 512)))
                .getMessage().contains("<em>"));
    }

    @Test void oddNamesAndHugeQuestionsGiveCorrectResults() {
        DatabaseSchema odd = new DatabaseSchema("odd", List.of(
                new Table("order items", List.of(new Column("unit \"price\"", "real", false), new Column("naïve  name", "text", false))),
                new Table("empty_table", List.of()), new Table("Straße", List.of(new Column("größe", "int", true)))), List.of());
        PromptEncoder enc = new PromptEncoder(tok, options(true, true, 512));
        Prompt p = enc.encode("What is the unit price of order items with naive name and the grosse of Strasse?", odd, null);
        assertTrue(p.schemaText().startsWith("<table> order items <em> <col> unit \"price\" <em> : real <col> naïve name <em> : text <table> empty_table"),
                p.schemaText());
        String huge = "how many singers ".repeat(600); // over 10,000 characters
        Prompt h = enc.encode(huge, concert, values);
        assertTrue(h.questionTruncated());
        assertTrue(h.schemaIds().length <= 512);
    }

    @Test void thousandTablesFitTheBudgetQuickly() {
        List<Table> tables = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            tables.add(new Table("table" + i, List.of(new Column("id", "int", true), new Column("name", "text", false),
                    new Column("value" + i, "real", false))));
        }
        DatabaseSchema big = new DatabaseSchema("big", tables, List.of());
        PromptEncoder enc = new PromptEncoder(tok, options(true, true, 512));
        enc.encode("what is the value 7 of table 7", big, null); // warm-up
        // CPU time of this thread: the machine is shared, wall time measures the other jobs too
        var bean = java.lang.management.ManagementFactory.getThreadMXBean();
        long t0 = bean.getCurrentThreadCpuTime();
        Prompt p = enc.encode("what is the value 7 of table 7", big, null);
        long ms = (bean.getCurrentThreadCpuTime() - t0) / 1_000_000;
        System.out.println("CPU ms: " + ms);
        assertTrue(ms < 1000, "took " + ms + " ms of CPU");
        assertTrue(p.schemaIds().length <= 512);
        assertTrue(p.schema().schema().table("table7").isPresent());
    }
}
