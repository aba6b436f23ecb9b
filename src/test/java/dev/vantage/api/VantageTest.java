package dev.vantage.api;

import dev.vantage.data.schema.SchemaReaders;
import dev.vantage.inference.ConstraintState;
import dev.vantage.inference.GenerationConfig;
import dev.vantage.inference.TextToSql;
import dev.vantage.inference.constraint.SqlConstraint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.*;

/** The API end to end on a random model: real prompt, constraint, generation, spelling and execution guidance. */
class VantageTest {
    static final Path DB = Path.of("examples/concert_singer.sqlite");
    @TempDir static Path tmp;
    static Vantage vantage;

    @BeforeAll static void load() throws Exception {
        vantage = Vantage.load(TestModels.randomModel(tmp.resolve("model")));
    }

    private static Vantage.Options options(int beam) {
        GenerationConfig g = beam == 1 ? GenerationConfig.greedy(40) : GenerationConfig.beam(beam, 1.0, beam, 40);
        return Vantage.Options.DEFAULT.withGeneration(g);
    }

    @Test void constrainedOutputIsAlwaysAValidPrefixOverTheSchema() {
        Vantage.Database db = Vantage.Database.sqlite(DB);
        Vantage.Result r = vantage.generate("How many singers are from France?", db, options(3).withExecutionGuided(false));
        assertFalse(r.alternatives().isEmpty());
        for (TextToSql.Alternative a : r.alternatives()) {
            ConstraintState s = new SqlConstraint(db.schema(), SqlConstraint.Options.NORMALIZED).initial().advance(a.sql());
            // restoring the spelling only reformats a finished query; an unfinished one is kept as generated
            assertNotNull(s, "not a valid prefix: " + a.sql());
            if (a.finished()) assertTrue(s.canEnd(), a.sql());
        }
    }

    @Test void executionGuidancePassesOverCandidatesThatFail() {
        Vantage.Database db = Vantage.Database.sqlite(DB);
        TextToSql engine = vantage.engine();
        var all = engine.answer(new TextToSql.Request("Name the singers", db.schema(), db.values(),
                GenerationConfig.beam(3, 1.0, 3, 40), true, null));
        assertFalse(all.guided());
        String first = all.alternatives().getFirst().sql();
        // a check that refuses the best-ranked candidate: the answer is the next one, and says why the first went
        var guided = engine.answer(new TextToSql.Request("Name the singers", db.schema(), db.values(),
                GenerationConfig.beam(3, 1.0, 3, 40), true, sql -> sql.equals(first) ? Optional.of("refused by test") : Optional.empty()));
        if (all.alternatives().size() > 1 && all.alternatives().get(1).finished() && !all.alternatives().get(1).sql().equals(first)) {
            assertTrue(guided.guided());
            assertEquals(all.alternatives().get(1).sql(), guided.sql());
            assertEquals("refused by test", guided.alternatives().getFirst().problem());
        }
    }

    @Test void aBatchOfQuestionsGetsTheAnswersEachGetsAlone() {
        Vantage.Database db = Vantage.Database.sqlite(DB);
        List<String> questions = List.of("How many singers are there?", "List the stadium names", "Which concerts were in 2014?",
                "Show the names of singers older than 30", "What is the average capacity of stadiums?");
        List<Vantage.Result> batch = vantage.generateAll(questions, db, options(1));
        assertEquals(questions.size(), batch.size());
        for (int i = 0; i < questions.size(); i++) {
            Vantage.Result alone = vantage.generate(questions.get(i), db, options(1));
            assertEquals(alone.sql(), batch.get(i).sql(), questions.get(i));
            assertEquals(alone.guided(), batch.get(i).guided(), questions.get(i));
        }
    }

    @Test void oneModelServesThreadsWithTheSameAnswersAsAlone() throws Exception {
        Vantage.Database db = Vantage.Database.sqlite(DB);
        List<String> questions = List.of("How many singers are there?", "List the stadium names", "Which concerts were in 2014?",
                "Show the names of singers older than 30");
        List<String> alone = new ArrayList<>();
        for (String q : questions) alone.add(vantage.generate(q, db, options(1)).sql());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> f = new ArrayList<>();
            for (String q : questions) f.add(pool.submit(() -> vantage.generate(q, db, options(1)).sql()));
            for (int i = 0; i < questions.size(); i++) assertEquals(alone.get(i), f.get(i).get());
        } finally {
            pool.shutdown();
        }
    }

    @Test void schemaFromDdlAndClearErrors() {
        var db = Vantage.Database.ddl("shop", "CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT, price REAL);");
        assertEquals(1, db.schema().tables().size());
        assertNotNull(vantage.generate("What is the most expensive item?", db, options(1)).sql());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> vantage.generate(" ", db, options(1))).getMessage().contains("empty"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Vantage.Database.sqlite(Path.of("no/such.sqlite"))).getMessage().contains("no/such.sqlite"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Vantage.load(tmp.resolve("nowhere"))).getMessage().contains("nowhere"));
        var schema = SchemaReaders.fromSqlite(DB);
        assertNotNull(vantage.generate("How many stadiums?", schema, options(1)).sql());
    }
}
