package dev.vantage.cli;

import dev.vantage.data.schema.SpiderFixtures;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.junit.jupiter.api.Assertions.*;

class SchemaCommandTest {
    private static String[] run(String... args) {
        PrintStream out = System.out, err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o));
        System.setErr(new PrintStream(e));
        try {
            int code = VantageCli.commandLine().execute(args);
            return new String[]{String.valueOf(code), o.toString(), e.toString()};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void serializesWithLinkedValues() {
        String[] r = run("schema", "--db", SpiderFixtures.miniDb("pets_1").toString(), "--question", "How many dogs are there?");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].startsWith("<table> Student <col> StuID : integer <pk>"), r[1]);
        assertTrue(r[1].contains("<col> PetType : varchar(20) <val> dog"), r[1]);
    }

    @Test
    void printsJoinPath() {
        String[] r = run("schema", "--tables", SpiderFixtures.MINI.resolve("tables.json").toString(), "--db-id", "concert_singer",
                "--join", "singer", "concert");
        assertEquals("0", r[0], r[2]);
        assertEquals(2, r[1].strip().lines().count(), r[1]);
    }

    @Test
    void badInputIsOneLineError() {
        String[] r = run("schema", "--tables", SpiderFixtures.MINI.resolve("tables.json").toString(), "--db-id", "nope");
        assertEquals("2", r[0]);
        assertEquals("error: " + SpiderFixtures.MINI.resolve("tables.json") + ": no entry with db_id 'nope'", r[2].strip());
    }

    @Test
    void withATokenizerShowsThePrunedInputAndWhyTablesWent(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        var db = SpiderFixtures.miniDb("car_1");
        var schema = dev.vantage.data.schema.SchemaReaders.fromSqlite(db);
        var tok = new dev.vantage.data.tokenizer.BpeTrainer(500, 2, dev.vantage.data.tokenizer.SpecialTokens.ALL).quiet()
                .train(java.util.List.of(dev.vantage.data.schema.SchemaSerializer.serialize(schema, dev.vantage.data.schema.SerializationOptions.defaults())));
        var file = dir.resolve("tokenizer.json");
        dev.vantage.data.tokenizer.TokenizerJson.save(tok, file);
        String[] r = run("schema", "--db", db.toString(), "--question", "Which model of car maker Ford has the most horsepower?",
                "--tokenizer", file.toString(), "--max-schema-tokens", "120");
        assertEquals("0", r[0], r[2]);
        String[] lines = r[1].strip().split("\n");
        assertTrue(lines[0].startsWith("Which model of car maker Ford has the most horsepower? <sep> <table>"), lines[0]);
        assertTrue(lines[0].contains("<em>"), lines[0]);
        assertTrue(lines[1].matches("# \\d+ encoder tokens \\(budget 120\\); decoder prefix \\d+ tokens"), lines[1]);
        int tokens = Integer.parseInt(lines[1].split(" ")[1]);
        assertTrue(tokens <= 120, lines[1]);
        assertTrue(r[1].contains("# dropped table "), r[1]);
        assertTrue(r[1].contains("needs"), r[1]);
    }

    @Test
    void emptyQuestionOrDatabaseIsOneLineError(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String[] r = run("schema", "--db", SpiderFixtures.miniDb("pets_1").toString(), "--question", "  ");
        assertEquals("2", r[0]);
        assertEquals("error: --question is empty", r[2].strip());
        var empty = dir.resolve("empty.sqlite");
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + empty); var st = c.createStatement()) {
            st.execute("CREATE TABLE t (a int)");
            st.execute("DROP TABLE t");
        }
        r = run("schema", "--db", empty.toString(), "--question", "how many?");
        assertEquals("2", r[0], r[1]);
        assertEquals("error: database 'empty' has no tables", r[2].strip());
    }
}
