package dev.vantage.inference.constraint;

import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.SchemaReaders;
import dev.vantage.data.schema.SpiderFixtures;
import dev.vantage.data.schema.ValueIndex;
import dev.vantage.inference.ConstraintState;
import dev.vantage.inference.TokenConstraint;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Sums and averages of word columns, on concert_singer and car_1 of spider-mini. */
class NumericAggregatesTest {
    private static final Map<String, DatabaseSchema> SCHEMAS =
            SchemaReaders.fromTablesJson(SpiderFixtures.MINI.resolve("tables.json"));
    private static final DatabaseSchema CONCERT = SCHEMAS.get("concert_singer");
    private static final ValueIndex CONCERT_VALUES = ValueIndex.build(SpiderFixtures.miniDb("concert_singer"));

    private static TokenConstraint valueRulesOff(DatabaseSchema schema, ValueIndex values) {
        return QuestionConstraint.of(schema, "", List.of(), new QuestionConstraint.Rules(false, false), LinkScores.NONE, values);
    }

    /** The rules alone over the schema constraint, as the value rules wrap them. */
    private static TokenConstraint rulesOnly(DatabaseSchema schema, ValueIndex values) {
        return new NumericAggregates(new CanonicalSpelling(new SqlConstraint(schema, SqlConstraint.Options.NORMALIZED), schema),
                NumericAggregates.Kinds.of(schema, values));
    }

    private static void assertAccepted(TokenConstraint c, String sql) {
        assertNull(ConstraintAudit.check(c, sql, new Random(3)), sql);
    }

    @Test
    void kindsComeFromValues() {
        NumericAggregates.Kinds k = NumericAggregates.Kinds.of(CONCERT, CONCERT_VALUES);
        assertTrue(k.words().containsAll(List.of("Name", "Country", "Song_Name", "Theme")));
        assertFalse(k.words().contains("Song_release_year"), "years stored as text are numbers");
        assertTrue(k.summable().contains("Age") && !k.summable().contains("Country"));
        assertEquals(java.util.Set.of("Singer_ID", "Song_release_year", "Age", "Is_male"), k.byTable().get("singer"));
        assertTrue(k.byTable().keySet().containsAll(List.of("singer", "concert", "stadium", "singer_in_concert")));
        assertTrue(NumericAggregates.Kinds.of(CONCERT, null).words().isEmpty(), "without values no column counts as words");
    }

    @Test
    void noSumOrAverageOfAColumnOfWords() {
        TokenConstraint c = rulesOnly(CONCERT, CONCERT_VALUES);
        assertAccepted(c, "SELECT SUM(Capacity) FROM stadium");
        assertAccepted(c, "SELECT AVG(T1.Age) FROM singer AS T1");
        assertAccepted(c, "SELECT AVG(DISTINCT Age) FROM singer");
        assertAccepted(c, "SELECT MAX(Name) FROM singer");
        assertAccepted(c, "SELECT COUNT(Country) FROM singer");
        assertAccepted(c, "SELECT Name FROM singer WHERE Country = 'SUM(Name)'");
        assertNull(c.initial().advance("SELECT SUM(Co"), "only Country starts with Co: a column of words");
        ConstraintState s = c.initial().advance("SELECT SUM(co");
        assertNotNull(s, "co may still become concert_ID or the table concert");
        assertNull(s.advance("u"), "no summable column or table starts with cou");
        assertNull(c.initial().advance("SELECT SUM(singer.C"), "singer's only column starting with C is Country");
        assertNull(c.initial().advance("SELECT AVG(Name "), "a column of words ends at the space");
        assertNotNull(c.initial().advance("SELECT SUM(concert."), "a table of the name may qualify");
        assertNull(c.initial().advance("SELECT AVG(T1.Name"));
        assertNull(c.initial().advance("SELECT AVG(Name"));
        assertNotNull(c.initial().advance("SELECT AVG(S"), "Singer_ID, Stadium_ID and the tables singer and stadium");
        assertAccepted(rulesOnly(CONCERT, null), "SELECT SUM(Country) FROM singer");
    }

    @Test
    void numbersStoredAsTextMayBeAveraged() {
        DatabaseSchema cars = SCHEMAS.get("car_1");
        TokenConstraint c = rulesOnly(cars, ValueIndex.build(SpiderFixtures.miniDb("car_1")));
        assertAccepted(c, "SELECT AVG(MPG) FROM cars_data WHERE Cylinders = 4");
        assertAccepted(c, "SELECT AVG(Horsepower) FROM cars_data");
        assertNotNull(c.initial().advance("SELECT AVG(Model"), "may still become ModelId");
        assertNull(c.initial().advance("SELECT AVG(Model)"), "car_names.Model and model_list.Model hold words");
    }

    @Test
    void offWithTheValueRules() {
        TokenConstraint c = valueRulesOff(CONCERT, CONCERT_VALUES);
        assertAccepted(c, "SELECT SUM(Country) FROM singer");
    }

    /**
     * No dead end: from {@code SUM(} or {@code AVG(} every state reached one character at a time
     * (schema spelling, keywords, aliases, dots, spaces, parentheses) takes some character or can end.
     */
    @Test
    void everyArgumentPrefixContinues() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_. )";
        List<String> stuck = new ArrayList<>();
        int reached = 0;
        for (String db : List.of("concert_singer", "car_1")) {
            DatabaseSchema schema = SCHEMAS.get(db);
            TokenConstraint c = QuestionConstraint.of(schema, "", List.of(), QuestionConstraint.Rules.ALL, LinkScores.NONE,
                    ValueIndex.build(SpiderFixtures.miniDb(db)));
            for (String start : List.of("SELECT SUM(", "SELECT AVG(")) {
                ArrayDeque<Map.Entry<String, ConstraintState>> todo = new ArrayDeque<>();
                todo.add(Map.entry(start, c.initial().advance(start)));
                while (!todo.isEmpty()) {
                    Map.Entry<String, ConstraintState> e = todo.poll();
                    reached++;
                    boolean any = e.getValue().canEnd();
                    for (char ch : alphabet.toCharArray()) {
                        ConstraintState next = e.getValue().advance(String.valueOf(ch));
                        if (next == null) continue;
                        any = true;
                        // the argument is done at its ')'; DISTINCT, a qualifier and the name are at most 40 characters
                        if (ch != ')' && e.getKey().length() < start.length() + 40) todo.add(Map.entry(e.getKey() + ch, next));
                    }
                    if (!any) stuck.add(db + ": " + e.getKey());
                }
            }
        }
        assertTrue(reached > 500, "explored " + reached);
        assertEquals(List.of(), stuck);
    }
}
