package dev.vantage.inference.constraint;

import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.SchemaLinks;
import dev.vantage.data.schema.SchemaReaders;
import dev.vantage.data.schema.SchemaSerializer;
import dev.vantage.data.schema.SerializationOptions;
import dev.vantage.data.schema.SpiderFixtures;
import dev.vantage.data.schema.ValueIndex;
import dev.vantage.inference.ConstraintState;
import dev.vantage.inference.TokenConstraint;
import dev.vantage.inference.TokenTexts;
import dev.vantage.data.tokenizer.TokenizerJson;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Table and column link scores from the linker, and the link potential the constraint states report. */
class LinkScoresTest {
    private static final DatabaseSchema CONCERT =
            SchemaReaders.fromTablesJson(SpiderFixtures.MINI.resolve("tables.json")).get("concert_singer");

    private static LinkScores links(String question) {
        SchemaLinks l = SchemaSerializer.links(CONCERT, SerializationOptions.defaults(), question, null);
        return LinkScores.of(CONCERT, l);
    }

    private static double potential(TokenConstraint c, String sql) {
        ConstraintState s = c.initial().advance(sql);
        assertNotNull(s, sql);
        return s.linkPotential();
    }

    @Test
    void scoresComeFromNameMatchesAndHalfTheBestColumn() {
        LinkScores l = links("How many singers are there?");
        assertEquals(1.0, l.score("singer"), 1e-12, l.asMap().toString());
        assertEquals(0.0, l.score("stadium"), 1e-12, l.asMap().toString());
        // a column mention alone points at its table at half strength
        LinkScores cap = links("What is the capacity of each venue?");
        assertEquals(0.5, cap.score("stadium"), 1e-12, cap.asMap().toString());
        assertTrue(links("").asMap().isEmpty());
    }

    @Test
    void potentialCountsBoundTablesAndTheBestTableAWordMayBecome() {
        LinkScores l = links("How many singers are there?");
        TokenConstraint c = QuestionConstraint.of(CONCERT, "How many singers are there?", List.of(), QuestionConstraint.Rules.ALL, l);
        double singerInConcert = l.score("singer_in_concert");
        assertTrue(singerInConcert < 1, l.asMap().toString());
        assertEquals(0, potential(c, "SELECT COUNT(*) FROM"), 1e-12);
        assertEquals(0, potential(c, "SELECT COUNT(*) FROM "), 1e-12);
        assertEquals(1, potential(c, "SELECT COUNT(*) FROM s"), 1e-12, "s may still become singer");
        assertEquals(1, potential(c, "SELECT COUNT(*) FROM singer"), 1e-12);
        assertEquals(singerInConcert, potential(c, "SELECT COUNT(*) FROM singer_in"), 1e-12);
        assertEquals(0, potential(c, "SELECT COUNT(*) FROM sta"), 1e-12);
        assertEquals(1, potential(c, "SELECT COUNT(*) FROM singer "), 1e-12, "bound: the score stays");
        assertEquals(1 + singerInConcert, potential(c, "SELECT COUNT(*) FROM singer AS T1 JOIN singer_in_concert AS T2"), 1e-12);
        // Singer_ID half matches "singers": a column's score, once however often it is used
        double id = l.column("singer_id");
        assertTrue(id > 0 && id < 1, String.valueOf(id));
        double sic = l.score("singer_in_concert");
        assertEquals(1 + sic + id, potential(c, "SELECT COUNT(*) FROM singer AS T1 JOIN singer_in_concert AS T2 ON T1.Singer_ID = T2.Singer_ID"), 1e-12);
        // column names and other words are never table positions
        assertEquals(0, potential(c, "SELECT Name"), 1e-12);
        assertEquals(1, potential(c, "SELECT Name FROM singer WHERE Name"), 1e-12);
        // without links, or without the schema constraint's knowledge, there is no potential
        TokenConstraint plain = QuestionConstraint.of(CONCERT, "How many singers are there?", List.of(), QuestionConstraint.Rules.ALL);
        assertEquals(0, potential(plain, "SELECT COUNT(*) FROM singer "), 1e-12);
        assertEquals(0, TokenConstraint.NONE.initial().advance("SELECT").linkPotential(), 1e-12);
    }

    @Test
    void potentialCountsEachLinkedColumnOnceWhereItIsUsed() {
        String q = "What are the names and ages of singers from France?";
        LinkScores l = links(q);
        double name = l.column("name"), age = l.column("age"), singer = l.score("singer");
        assertTrue(name > 0 && age > 0, l.toString());
        assertEquals(0, l.column("song_release_year"), 1e-12, "a column the question does not name");
        TokenConstraint c = QuestionConstraint.of(CONCERT, q, List.of(), QuestionConstraint.Rules.ALL, l);
        assertEquals(name, potential(c, "SELECT Name"), 1e-12);
        assertEquals(Math.max(name, l.column("nationality")), potential(c, "SELECT N"), 1e-12, "the best column N may become");
        assertEquals(name + age, potential(c, "SELECT Name, Age"), 1e-12);
        assertEquals(name + age, potential(c, "SELECT Name, Age, Name"), 1e-12, "a column counts once");
        assertEquals(name + age + singer, potential(c, "SELECT Name, Age FROM singer WHERE Age"), 1e-12);
        assertEquals(name + singer, potential(c, "SELECT T1.Name FROM singer AS T1"), 1e-12, "after a qualifier's dot too");
        assertEquals(0, potential(c, "SELECT COUNT(*)"), 1e-12, "a function is no column");
    }

    @Test
    void linkedDatabaseValuesAddOneAsTheDatabaseSpellsThem() {
        String q = "Which singers are from france?";
        TokenConstraint c = QuestionConstraint.of(CONCERT, q, List.of("France"), QuestionConstraint.Rules.ALL, LinkScores.NONE);
        String where = "SELECT Name FROM singer WHERE Country = ";
        assertEquals(0, potential(c, where + "'"), 1e-12);
        assertEquals(1, potential(c, where + "'F"), 1e-12, "F may still become France");
        assertEquals(1, potential(c, where + "'France'"), 1e-12);
        assertEquals(1, potential(c, where + "'France' "), 1e-12, "the literal is complete: the score stays");
        assertEquals(0, potential(c, where + "'france' "), 1e-12, "the question's spelling is allowed but earns nothing");
        assertEquals(0, potential(c, where + "'from' "), 1e-12);
        ConstraintState s = c.initial().advance(where);
        assertEquals(1, s.linkRise(), 1e-12, "a linked value may start in any token");
        assertEquals(0, QuestionConstraint.of(CONCERT, q, List.of(), QuestionConstraint.Rules.ALL, LinkScores.NONE)
                .initial().advance(where).linkRise(), 1e-12, "no linked values: no rise");
    }

    @Test
    void aValueColumnEarnsOneMoreWhereAConditionComparesIt() {
        String q = "What are the names of singers from France?";
        LinkScores l = LinkScores.of(CONCERT, SchemaSerializer.links(CONCERT, SerializationOptions.defaults(), q,
                ValueIndex.build(SpiderFixtures.miniDb("concert_singer"))));
        assertTrue(l.valueColumn("country"), l.toString());
        double country = l.column("country"), name = l.column("name"), singer = l.score("singer");
        TokenConstraint c = QuestionConstraint.of(CONCERT, q, List.of(), QuestionConstraint.Rules.SCHEMA_ONLY, l);
        String from = "SELECT Name FROM singer WHERE ";
        assertEquals(name + singer, potential(c, from), 1e-12);
        assertEquals(name + singer + country + 1, potential(c, from + "Country"), 1e-12, "compared in a condition");
        assertEquals(name + singer + country + 1, potential(c, from + "Co"), 1e-12, "Co may still become Country");
        assertEquals(name + singer + country + 1, potential(c, from + "Country = 'x' OR Country"), 1e-12, "once per query");
        assertEquals(name + singer, potential(c, from + "Age"), 1e-12);
        assertEquals(singer, potential(c, "SELECT Country FROM singer"), 1e-12, "in a select list a value column earns nothing");
        assertEquals(0, potential(c, "SELECT Country"), 1e-12, "nor while it is typed there");
        assertEquals(country + singer + 1, potential(c, "SELECT Country FROM singer WHERE Country"), 1e-12,
                "a select column still earns its name and condition score");
        assertEquals(2, c.initial().advance(from).linkRise(), 1e-12, "name and value score in one token");
        assertEquals(potential(c, from + "Age = "), potential(c, from + "Age = Country"), 1e-12,
                "the right side of a comparison is no condition column");
    }

    /** Every token of the bundled model's vocabulary, after every prefix of a few queries: no rise above linkRise. */
    @Test
    void noTokenOfTheBundledVocabularyRisesAboveLinkRise() throws java.io.IOException {
        TokenTexts vocab = TokenTexts.of(TokenizerJson.load(Path.of("models", "vantage-spider-tiny", "tokenizer.json")));
        assertTrue(vocab.wordsStartAtFront(), "GPT-2 pre-tokenization: words start at the front of tokens");
        String question = "Show the stadium name and the number of concerts in each stadium, and the singers from France";
        LinkScores l = LinkScores.of(CONCERT, SchemaSerializer.links(CONCERT, SerializationOptions.defaults(), question,
                ValueIndex.build(SpiderFixtures.miniDb("concert_singer"))));
        assertTrue(l.hasValueColumns(), l.toString());
        TokenConstraint c = QuestionConstraint.of(CONCERT, "q", List.of(), QuestionConstraint.Rules.SCHEMA_ONLY, l);
        String[] queries = {
                "SELECT T2.Name, COUNT(*) FROM concert AS T1 JOIN stadium AS T2 ON T1.Stadium_ID = T2.Stadium_ID GROUP BY T1.Stadium_ID",
                "SELECT Name FROM singer WHERE Country = 'France' AND Age > 1",
                "SELECT Name FROM singer WHERE Age > 1 EXCEPT SELECT T1.Name FROM singer AS T1 JOIN singer_in_concert AS T2 ON T1.Singer_ID = T2.Singer_ID"};
        int rises = 0;
        for (String q : queries) {
            for (int cut = 0; cut <= q.length(); cut++) {
                ConstraintState s = c.initial().advance(q.substring(0, cut));
                assertNotNull(s, q.substring(0, cut));
                for (int id = 0; id < vocab.size(); id++) {
                    if (vocab.forbidden(id)) continue;
                    ConstraintState next = s.advance(vocab.text(id));
                    if (next == null) continue;
                    double rise = next.linkPotential() - s.linkPotential();
                    assertTrue(rise <= s.linkRise() + 1e-12, "'" + q.substring(0, cut) + "' + '" + vocab.text(id) + "' rises " + rise);
                    if (rise > 0) rises++;
                }
            }
        }
        assertTrue(rises > 0, "some token starts a linked table");
    }

    @Test
    void aTokenRaisesThePotentialByAtMostOne() {
        LinkScores l = links("Show the names of singers and the stadiums of their concerts");
        TokenConstraint c = QuestionConstraint.of(CONCERT, "q", List.of(), QuestionConstraint.Rules.SCHEMA_ONLY, l);
        String sql = "SELECT T1.Name FROM singer AS T1 JOIN singer_in_concert AS T2 ON T1.Singer_ID = T2.Singer_ID "
                + "JOIN concert AS T3 ON T2.concert_ID = T3.concert_ID JOIN stadium AS T4 ON T3.Stadium_ID = T4.Stadium_ID";
        ConstraintState s = c.initial();
        double prev = 0;
        for (int i = 0; i < sql.length(); i++) {
            s = s.advance(sql.substring(i, i + 1));
            assertNotNull(s, sql.substring(0, i + 1));
            assertTrue(s.linkPotential() - prev <= 1 + 1e-12, "rise above 1 at " + sql.substring(0, i + 1));
            prev = s.linkPotential();
        }
        double want = l.score("singer") + l.score("singer_in_concert") + l.score("concert") + l.score("stadium")
                + l.column("name") + l.column("singer_id") + l.column("concert_id") + l.column("stadium_id");
        assertEquals(want, s.advance(" ").linkPotential(), 1e-12, "the changes add up to the tables' and the distinct columns' scores");
    }
}
