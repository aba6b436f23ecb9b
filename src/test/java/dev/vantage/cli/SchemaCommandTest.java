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
}
