package dev.vantage.inference.constraint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.LinkedValue;
import dev.vantage.data.schema.SchemaReaders;
import dev.vantage.data.schema.SpiderFixtures;
import dev.vantage.data.schema.ValueIndex;
import dev.vantage.inference.ConstraintState;
import dev.vantage.inference.TokenConstraint;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The value constraint and the structure limits on concert_singer, and on the 297 gold queries of spider-mini. */
class QuestionConstraintTest {
    private static final Map<String, DatabaseSchema> SCHEMAS =
            SchemaReaders.fromTablesJson(SpiderFixtures.MINI.resolve("tables.json"));
    private static final DatabaseSchema CONCERT = SCHEMAS.get("concert_singer");

    private static TokenConstraint values(String question, String... dbValues) {
        return QuestionConstraint.of(CONCERT, question, List.of(dbValues), new QuestionConstraint.Rules(true, false));
    }

    /** The structure rules as decoding uses them. */
    private static TokenConstraint plain() {
        return QuestionConstraint.of(CONCERT, "", List.of(), new QuestionConstraint.Rules(false, true));
    }

    /**
     * The structure limits without plain expressions and with a table twice per FROM clause (the
     * default allows it once), so that each limit's mechanism can be tested on any SQL.
     */
    private static TokenConstraint structure() {
        SqlConstraint.StructureLimits l = new SqlConstraint.StructureLimits(2, 3, 9, true, 5, 3, false);
        SqlConstraint.Options o = SqlConstraint.Options.NORMALIZED.withLimits(l);
        return new DistinctConditions(new CanonicalSpelling(new SqlConstraint(CONCERT, o), CONCERT));
    }

    private static void assertComplete(TokenConstraint c, String sql) {
        assertNull(ConstraintAudit.check(c, sql, new Random(7)), sql);
    }

    @Test
    void stringLiteralsComeFromTheQuestion() {
        TokenConstraint c = values("Which singers are from the United States?");
        assertComplete(c, "SELECT Name FROM singer WHERE Country = 'United States'");
        assertComplete(c, "SELECT Name FROM singer WHERE Country = 'united states'");   // case is free
        assertComplete(c, "SELECT Name FROM singer WHERE Country = 'United'");
        assertComplete(c, "SELECT Name FROM singer WHERE Country = 'Singer'");          // 'cat' for "cats"
        ConstraintState s = c.initial().advance("SELECT Name FROM singer WHERE Country = 'Uni");
        assertNotNull(s);
        assertNull(s.advance("x"), "refused at the first character no span continues with");
        assertNull(c.initial().advance("SELECT Name FROM singer WHERE Country = 'nited'"), "a span starts at a word");
        assertNull(c.initial().advance("SELECT Name FROM singer WHERE Country = '?"), "a word, not punctuation");
        assertNull(c.initial().advance("SELECT Name FROM singer WHERE Country = 'SELECT MAX("));
        assertNull(c.initial().advance("SELECT Name FROM singer WHERE Country = ''"), "empty");
    }

    @Test
    void percentWrapsOnlyAfterLike() {
        TokenConstraint c = values("Which singer has a song with the word Hey in its title?");
        assertComplete(c, "SELECT Name FROM singer WHERE Song_Name LIKE '%Hey%'");
        assertComplete(c, "SELECT Name FROM singer WHERE Song_Name NOT LIKE 'hey%'");
        assertNull(c.initial().advance("SELECT Name FROM singer WHERE Song_Name = '%Hey%'"));
        assertNull(c.initial().advance("SELECT Name FROM singer WHERE Song_Name LIKE '%Hey%x"), "nothing after the closing %");
        assertNull(c.initial().advance("SELECT Name FROM singer WHERE Song_Name LIKE '%%'"), "an empty pattern");
    }

    @Test
    void databaseValuesFlagWordsAndQuotes() {
        TokenConstraint c = values("How many singers are French?", "France", "Men's");
        assertComplete(c, "SELECT COUNT(*) FROM singer WHERE Country = 'France'");
        assertComplete(c, "SELECT COUNT(*) FROM singer WHERE Is_male = 'T'");
        assertComplete(c, "SELECT COUNT(*) FROM singer WHERE Name = 'Men''s'");
        assertNull(c.initial().advance("SELECT COUNT(*) FROM singer WHERE Country = 'Franc'"));
        assertComplete(values("What did O'Brien sing?"), "SELECT Song_Name FROM singer WHERE Name = 'O''Brien'");
    }

    @Test
    void aColumnEqualsOnlyItsOwnValues() {
        ValueIndex v = ValueIndex.build(SpiderFixtures.miniDb("concert_singer"));
        TokenConstraint c = QuestionConstraint.of(CONCERT, "Which singers are from France?", List.of(),
                new QuestionConstraint.Rules(true, false), LinkScores.NONE, v);
        assertComplete(c, "SELECT Name FROM singer WHERE Country = 'France'");
        assertNull(c.initial().advance("SELECT Name FROM singer WHERE Country = 'N"), "the question names a country: that one");
        TokenConstraint unnamed = QuestionConstraint.of(CONCERT, "Which singers are not American?", List.of(),
                new QuestionConstraint.Rules(true, false), LinkScores.NONE, v);
        assertComplete(unnamed, "SELECT Name FROM singer AS T1 WHERE T1.Country != 'United States'");   // not in the question
        assertComplete(unnamed, "SELECT Name FROM singer WHERE Country <> 'Netherlands'");
        assertNull(c.initial().advance("SELECT Name FROM singer WHERE Country = 'Fran'"), "the quote closes a whole value only");
        assertNull(c.initial().advance("SELECT Name FROM singer WHERE Country = 'f"), "spelled as the database does");
        assertNull(c.initial().advance("SELECT Name FROM singer WHERE singer.Name = 'France"), "the table's own column");
        assertComplete(c, "SELECT Name FROM singer WHERE Country LIKE '%Fran%'");          // LIKE keeps the question's rules
        assertComplete(c, "SELECT Name FROM singer WHERE Country > 'Fran'");               // so does an order comparison
        assertNull(c.initial().advance("SELECT Name FROM singer WHERE Age = 'F"), "a column of numbers: the question's numbers only");
        assertNull(c.initial().advance("SELECT Name FROM singer WHERE Age > 'F"), "with any comparison");
        assertComplete(c, "SELECT Name FROM singer WHERE Age = '1'");
        TokenConstraint noDatabase = QuestionConstraint.of(CONCERT, "Which singers are from France?", List.of(),
                new QuestionConstraint.Rules(true, false), LinkScores.NONE, null);
        assertComplete(noDatabase, "SELECT Name FROM singer WHERE Country = 'Fran'");
    }

    @Test
    void numbersComeFromTheQuestionInDigitsOrWords() {
        TokenConstraint c = values("Which singers are older than 40 and have at least three songs, released after 2,014?");
        for (String n : List.of("40", "41", "39", "3", "2", "4", "2014", "0", "1")) {
            assertComplete(c, "SELECT Name FROM singer WHERE Age > " + n);
        }
        assertNull(c.initial().advance("SELECT Name FROM singer WHERE Age > 5"));
        assertNull(c.initial().advance("SELECT Name FROM singer WHERE Age > 42"));
        assertNull(c.initial().advance("SELECT Name FROM singer WHERE Age > 400"));
        assertFalse(c.initial().advance("SELECT Name FROM singer WHERE Age > 20").canEnd(), "20 is only a prefix of 2014");
        // = and != take a number as the question states it: one more or less is for < and >
        assertComplete(c, "SELECT Name FROM singer WHERE Age = 40");
        assertComplete(c, "SELECT Name FROM singer WHERE Age >= 41");
        assertNull(c.initial().advance("SELECT Name FROM singer WHERE Age = 41"));
        assertNull(c.initial().advance("SELECT Name FROM singer WHERE Age != 2015"));
        assertFalse(c.initial().advance("SELECT Name FROM singer WHERE Age = 4").canEnd(), "4 is one more than three");
        assertComplete(c, "SELECT Country FROM singer GROUP BY Country HAVING COUNT(*) > 1");
        // an aggregate is a number: no string on the other side
        assertNull(c.initial().advance("SELECT Country FROM singer GROUP BY Country HAVING COUNT(*) = 'T"));
        assertNull(c.initial().advance("SELECT Country FROM singer GROUP BY Country HAVING MAX(T1.Age) >= 'T"));
        assertComplete(c, "SELECT Country FROM singer GROUP BY Country HAVING COUNT(*) = 40");
        // a sign only before a number the question states with one
        assertNull(c.initial().advance("SELECT Name FROM singer WHERE Age = -0"), "0 is allowed, its sign is not");
        assertNull(c.initial().advance("SELECT Name FROM singer WHERE Age > -40"));
        assertNull(c.initial().advance("SELECT Name FROM singer WHERE Country = -'"), "nor before a string");
        TokenConstraint negative = values("Which singers are aged between -50 and 50?");
        assertComplete(negative, "SELECT Name FROM singer WHERE Age BETWEEN -50 AND 50");
        assertNull(negative.initial().advance("SELECT Name FROM singer WHERE Age > -5 "));
        assertComplete(c, "SELECT Name FROM singer ORDER BY Age DESC LIMIT 3");
        assertComplete(c, "SELECT Name FROM singer WHERE Song_release_year = '2014'");     // a number may be a string
        assertNull(c.initial().advance("SELECT Name FROM singer ORDER BY Age DESC LIMIT 5"));
        // digits inside names are no numbers
        assertComplete(c, "SELECT T1.Name FROM singer AS T1 JOIN singer_in_concert AS T2 ON T1.Singer_ID = T2.Singer_ID");
    }

    @Test
    void fractionsAsWritten() {
        TokenConstraint c = values("Which stadiums have an average above 2.5?");
        assertComplete(c, "SELECT Name FROM stadium WHERE Average > 2.5");
        assertNull(c.initial().advance("SELECT Name FROM stadium WHERE Average > 2.6"));
        assertNull(c.initial().advance("SELECT Name FROM stadium WHERE Average > 2e"));
    }

    @Test
    void aTableAtMostTwicePerFromClause() {
        TokenConstraint c = structure();
        assertComplete(c, "SELECT T1.Name FROM singer AS T1 JOIN singer AS T2 ON T1.Singer_ID = T2.Singer_ID");
        ConstraintState s = c.initial().advance("SELECT T1.Name FROM singer AS T1 JOIN singer AS T2 ON T1.Singer_ID = T2.Singer_ID JOIN ");
        assertNotNull(s);
        assertNull(s.advance("singer "));
        assertNotNull(s.advance("singer_in_concert AS T3"));
        ConstraintState stadiums = c.initial().advance("SELECT T1.Name FROM stadium AS T1 JOIN stadium AS T2 ON T1.Stadium_ID = T2.Stadium_ID JOIN ");
        assertNull(stadiums.advance("sta"), "no table left with that prefix");
        // a subquery has its own FROM clause
        assertComplete(c, "SELECT T1.Name FROM singer AS T1 JOIN singer AS T2 ON T1.Singer_ID = T2.Singer_ID "
                + "WHERE T1.Singer_ID IN (SELECT Singer_ID FROM singer)");
    }

    @Test
    void queriesNestAtMostThreeDeep() {
        TokenConstraint c = structure();
        String three = "SELECT Name FROM singer WHERE Singer_ID IN (SELECT Singer_ID FROM singer_in_concert WHERE concert_ID IN "
                + "(SELECT concert_ID FROM concert))";
        assertComplete(c, three);
        assertNull(c.initial().advance("SELECT Name FROM singer WHERE Singer_ID IN (SELECT Singer_ID FROM singer_in_concert "
                + "WHERE concert_ID IN (SELECT concert_ID FROM concert WHERE Year IN (SELECT"));
        assertNull(c.initial().advance("SELECT Name FROM (SELECT Name FROM (SELECT Name FROM (SELECT"));
        assertNull(c.initial().advance("SELECT Name FROM (SELECT Name FROM (SELECT Name FROM ("));
        // compound parts are not nested
        assertComplete(c, "SELECT Name FROM singer WHERE Age > 1 UNION SELECT Name FROM singer WHERE Age < 0 "
                + "EXCEPT SELECT Name FROM singer WHERE Singer_ID IN (SELECT Singer_ID FROM singer_in_concert WHERE concert_ID IN "
                + "(SELECT concert_ID FROM concert))");
        assertComplete(QuestionConstraint.of(CONCERT, "", List.of(), QuestionConstraint.Rules.SCHEMA_ONLY),
                "SELECT Name FROM (SELECT Name FROM (SELECT Name FROM (SELECT Name FROM singer)))");
    }

    @Test
    void oneComparisonPerCondition() {
        TokenConstraint c = structure();
        assertComplete(c, "SELECT Name FROM singer WHERE Age + 1 > 2 AND Name LIKE 'a%' OR Age BETWEEN 1 AND 2");
        assertComplete(c, "SELECT Name FROM singer WHERE Country IS NOT NULL "
                + "AND Singer_ID NOT IN (SELECT Singer_ID FROM singer_in_concert WHERE concert_ID = 1)");
        assertComplete(c, "SELECT Name FROM singer WHERE (Age > 1) = (Age < 9) AND Age IN (1, 2)");
        String where = "SELECT Name FROM singer WHERE Age = Singer_ID ";
        for (String more : List.of("= 1", "< 1", "LIKE 'a'", "IN (1)", "NOT IN (1)", "IS NULL", "BETWEEN 1 AND 2")) {
            assertNull(c.initial().advance(where + more), more);
        }
        assertNull(c.initial().advance("SELECT Name FROM singer WHERE Age BETWEEN 1 AND 2 = 1"));
        assertNull(c.initial().advance("SELECT Name FROM singer WHERE Country IS NOT NULL IS"));
        // a partial word refused as a comparison may still end the expression
        assertComplete(c, "SELECT Name FROM singer WHERE Age = 1 INTERSECT SELECT Name FROM singer WHERE Age IS NULL");
        assertComplete(QuestionConstraint.of(CONCERT, "", List.of(), QuestionConstraint.Rules.SCHEMA_ONLY),
                "SELECT Name FROM singer WHERE Age = Singer_ID = 1");
    }

    @Test
    void atMostFiveTablesPerFromClause() {
        TokenConstraint c = structure();
        String five = "SELECT T1.Name FROM singer AS T1 JOIN singer AS T2 ON T1.Singer_ID = T2.Singer_ID JOIN concert AS T3 "
                + "JOIN concert AS T4 JOIN stadium AS T5 ON T4.Stadium_ID = T5.Stadium_ID";
        assertComplete(c, five);
        assertComplete(c, five + " WHERE T1.Age > 1 INTERSECT SELECT Name FROM singer");
        for (String more : List.of(" JOIN", " J", " INNER JOIN", " LEFT", ", stadium", ",")) assertNull(c.initial().advance(five + more), more);
        // a subquery has its own FROM clause
        assertComplete(c, five + " WHERE T1.Singer_ID IN (SELECT T1.Singer_ID FROM singer_in_concert AS T1 JOIN singer AS T2)");
        assertComplete(QuestionConstraint.of(CONCERT, "", List.of(), QuestionConstraint.Rules.SCHEMA_ONLY), five + " JOIN stadium AS T6");
    }

    @Test
    void aliasesRunFromT1ToT9() {
        TokenConstraint c = structure();
        assertComplete(c, "SELECT T9.Name FROM singer AS T9");
        assertNull(c.initial().advance("SELECT T1.Name FROM singer AS T10"));
        assertNull(c.initial().advance("SELECT T10"));
        assertNull(c.initial().advance("SELECT T1.Name FROM singer AS T0"));
    }

    @Test
    void noConditionRepeatsWithinOneList() {
        TokenConstraint c = structure();
        String where = "SELECT Name FROM singer WHERE Country = 'France' AND Age > 1";
        assertComplete(c, where);
        assertNull(c.initial().advance(where + " AND Country = 'France' AND"));
        assertNotNull(c.initial().advance(where + " OR Age > 1 "));
        assertNull(c.initial().advance(where + " OR Age > 1 O"), "refused at the first letter of what ends the repeat");
        assertNull(c.initial().advance(where + " OR Age > 1 GR"), "G may still be GLOB, GR only GROUP");
        assertNull(c.initial().advance(where + " OR Age > 1)"));
        assertNotNull(c.initial().advance(where + " OR Age > 1 I"), "IS or IN may still continue it");
        assertFalse(c.initial().advance(where + " AND Age > 1").canEnd());
        assertNotNull(c.initial().advance(where + " AND Age > 10"), "a longer condition is another one");
        assertComplete(c, "SELECT Name FROM singer WHERE Age BETWEEN 1 AND 2 AND Age BETWEEN 1 AND 3");
        // separate lists: parentheses, subqueries, HAVING after WHERE
        assertComplete(c, "SELECT Name FROM singer WHERE (Age > 1 AND Country = 'a') OR (Age > 1 AND Country = 'b')");
        assertComplete(c, "SELECT Country FROM singer WHERE Age > 1 AND Singer_ID IN (SELECT Singer_ID FROM singer WHERE Age > 1) "
                + "GROUP BY Country HAVING COUNT(*) > 1");
        // string content is text, not keywords
        assertComplete(c, "SELECT Name FROM singer WHERE Name = 'rock and roll' AND Country = 'and'");
    }

    @Test
    void plainExpressionsAsSpiderWritesThem() {
        TokenConstraint c = plain();
        assertComplete(c, "SELECT Name, COUNT(DISTINCT Country), MAX(Age) FROM singer WHERE Age > -1 AND Country IN ('a', 'b') "
                + "OR Name LIKE '%a%' GROUP BY Name HAVING COUNT(*) >= 2 ORDER BY AVG(Age) DESC LIMIT 3");
        assertComplete(c, "SELECT Name FROM singer WHERE Age > (SELECT AVG(Age) FROM singer) AND Age BETWEEN 1 AND 2 "
                + "AND Singer_ID NOT IN (SELECT Singer_ID FROM singer_in_concert)");
        assertComplete(c, "SELECT T2.Name FROM singer_in_concert AS T1 JOIN singer AS T2 ON T1.Singer_ID = T2.Singer_ID "
                + "JOIN concert AS T3 ON T1.concert_ID = T3.concert_ID JOIN stadium AS T4 ON T3.Stadium_ID = T4.Stadium_ID");
        for (String bad : List.of(
                "SELECT ABS(Age) FROM singer",                       // functions: COUNT, SUM, AVG, MIN, MAX only
                "SELECT Age + 1 FROM singer",                        // no arithmetic
                "SELECT 1 FROM singer",                              // literals only on the right of a comparison
                "SELECT Name FROM singer WHERE 1",
                "SELECT Name FROM singer WHERE 1 = Age",
                "SELECT Name FROM singer WHERE Age = Singer_ID",     // a column compares with a literal or a subquery
                "SELECT Name FROM singer WHERE Age BETWEEN Singer_ID",
                "SELECT Country FROM singer GROUP BY Country HAVING COUNT(*) > MAX(",
                "SELECT Name FROM singer WHERE Age AND",             // every condition compares
                "SELECT Name FROM singer WHERE NOT Age > 1",
                "SELECT Name FROM singer WHERE EXISTS",
                "SELECT Name FROM singer WHERE (Age > 1)",           // parentheses only around subqueries
                "SELECT Age > 1 FROM singer",                        // comparisons only in conditions
                "SELECT Age OR Name FROM singer",                    // and connectives
                "SELECT Name FROM singer ORDER BY Age AND ",
                "SELECT Name FROM singer ORDER BY 1",
                "SELECT Name FROM singer, concert",                  // JOIN only
                "SELECT Name FROM singer AS T1 LEFT",
                "SELECT T1.Name FROM singer AS T1 JOIN concert AS T2 WHERE",         // every JOIN has its ON
                "SELECT T1.Name FROM singer AS T1 JOIN singer_in_concert AS T2 ON T1.Singer_ID = 1",  // ON compares columns
                "SELECT T1.Name FROM singer AS T1 JOIN singer_in_concert AS T2 ON Singer_ID",        // qualified ones
                "SELECT T1.Name FROM singer AS T1 JOIN singer_in_concert AS T2 ON T1.Singer_ID = T1",  // of two tables
                "SELECT T1.Name FROM singer AS T1 JOIN singer_in_concert AS T2 ON T1.Singer_ID = T3",  // joined so far
                "SELECT T1.Name FROM singer AS T1 JOIN singer_in_concert AS T2 ON T1.Singer_ID = T2.Singer_ID "
                        + "AND T1.Singer_ID = T2.Singer_ID AND",  // at most two conditions in ON
                // a declared foreign key links the two tables: ON takes it (or a column name both have), no other pair
                "SELECT T1.Name FROM singer_in_concert AS T1 JOIN concert AS T2 ON T1.concert_ID = T2.Stadium_ID",
                "SELECT T1.Name FROM singer_in_concert AS T1 JOIN concert AS T2 ON T1.Singer_ID",
                "SELECT COUNT(*) FROM (",                            // no subquery in FROM
                "SELECT Name FROM singer ORDER BY MAX(Age)",         // ORDER BY aggregates only after GROUP BY
                "SELECT Name FROM singer WHERE Age > 1 ORDER BY Age, COUNT(*)",
                "SELECT T1.Name FROM singer AS T1 JOIN (")) {
            assertNull(c.initial().advance(bad), bad);
        }
        assertNotNull(c.initial().advance("SELECT T1.Name FROM singer AS T1 JOIN singer_in_concert AS T2 ON T2"), "a prefix of T2 is a qualifier");
        // singer and stadium each take part in foreign keys but share none, no column name and no referenced key
        assertNull(c.initial().advance("SELECT T1.Name FROM singer AS T1 JOIN stadium "), "no pair of columns joins them");
        assertNull(c.initial().advance("SELECT T1.Name FROM singer AS T1 JOIN st"), "a prefix of stadium only");
        assertNotNull(c.initial().advance("SELECT T1.Name FROM singer AS T1 JOIN singer_in_concert "));
        // each ON condition names the table just joined
        String three = "SELECT T1.Name FROM singer AS T1 JOIN singer_in_concert AS T2 ON T2.Singer_ID = T1.Singer_ID JOIN concert AS T3 ON ";
        assertComplete(c, three + "T2.concert_ID = T3.concert_ID");
        assertComplete(c, three + "T3.concert_ID = T2.concert_ID");
        assertNull(c.initial().advance(three + "T1."), "singer joins no column of concert");
        assertNull(c.initial().advance(three + "T2.Singer_ID"), "the new table has no Singer_ID");
        assertNull(c.initial().advance(three + "T2.concert_ID = T1"), "the right side must be T3 now");
        // an IN subquery selects the compared column, or the other end of its key
        assertComplete(c, "SELECT Name FROM singer WHERE Singer_ID IN (SELECT Singer_ID FROM singer_in_concert)");
        assertComplete(c, "SELECT Name FROM singer WHERE Singer_ID NOT IN (SELECT T1.Singer_ID FROM singer_in_concert AS T1)");
        assertNull(c.initial().advance("SELECT Name FROM singer WHERE Name NOT IN (SELECT Singer_ID FROM"));
        assertNull(c.initial().advance("SELECT Name FROM singer WHERE Name NOT IN (SELECT Ag"), "no matching column, table, alias or function starts so");
        assertNull(c.initial().advance("SELECT Name FROM singer WHERE Singer_ID IN (SELECT T1.Name FROM"));
        assertComplete(c, "SELECT Name FROM singer WHERE Age IN (SELECT MAX(Age) FROM singer)");
        // a subquery's columns come from its own FROM clause, not the outer query's
        assertComplete(c, "SELECT Name FROM singer WHERE Age > (SELECT MIN(Age) FROM singer)");
        assertNotNull(ConstraintAudit.check(c, "SELECT Name FROM singer WHERE Age > (SELECT MIN(Age) FROM stadium)", new Random(7)));
        // ON compares with = (== too) only
        String on = "SELECT T1.Name FROM singer AS T1 JOIN singer_in_concert AS T2 ON T1.Singer_ID ";
        assertNotNull(c.initial().advance(on + "= T2.Singer_ID"));
        assertNotNull(c.initial().advance(on + "== T2.Singer_ID"));
        for (String op : List.of(">", "<", ">=", "<=", "!=", "<>")) assertNull(c.initial().advance(on + op), op);
        // the default binds a table once per FROM clause (a subquery has its own)
        assertNull(c.initial().advance("SELECT T1.Name FROM singer AS T1 JOIN singer "));
        assertComplete(c, "SELECT Name FROM singer WHERE Singer_ID IN (SELECT Singer_ID FROM singer)");
        assertComplete(c, "SELECT Country FROM singer GROUP BY Country ORDER BY Country, COUNT(*) DESC LIMIT 1");
    }

    @Test
    void qualifiersUsedBeforeFromKeepATableToBind() {
        TokenConstraint c = plain();
        // only singer has Song_Name: binding it as T1 would leave T2 nothing
        assertNull(c.initial().advance("SELECT T2.Song_Name FROM singer AS T1 "));
        assertComplete(c, "SELECT T2.Song_Name FROM singer_in_concert AS T1 JOIN singer AS T2 ON T1.Singer_ID = T2.Singer_ID");
        // jointly: T1 and T2 both need singer, the one table with Song_Name and with Age
        assertNull(c.initial().advance("SELECT T1.Song_Name, T2.Age FROM stadium AS T3 "));
        assertNotNull(c.initial().advance("SELECT T1.Song_Name, T2.Name FROM concert AS T3 "), "T1 = singer, T2 = stadium");
        // a qualifier's columns must all be one table's, already in the select list
        assertNotNull(c.initial().advance("SELECT T1.Name, T1.Capacity"));
        assertNull(c.initial().advance("SELECT T1.Name, T1.Capacity, T1.Song_Name "));
        assertNull(c.initial().advance("SELECT T1.Capacity, T1.Song"), "no table with Capacity has a column starting Song");
        // a table's own name as qualifier: that table, without an alias
        assertNull(c.initial().advance("SELECT singer.Name FROM singer AS"));
        assertComplete(c, "SELECT singer.Name FROM singer JOIN singer_in_concert ON singer.Singer_ID = singer_in_concert.Singer_ID");
        // five tables at most: four bound and two qualifiers still waiting is one too many
        assertNull(c.initial().advance("SELECT T5.Name, T6.Name FROM singer_in_concert AS T1 JOIN concert AS T2 ON T1.concert_ID = T2.concert_ID "
                + "JOIN singer AS T3 "));
    }

    @Test
    void aggregatesTakeOneArgument() {
        TokenConstraint c = plain();
        assertNull(c.initial().advance("SELECT COUNT(Name, "), "SQLite: wrong number of arguments to function count()");
        assertNull(c.initial().advance("SELECT MAX(Age, "));
        assertNotNull(structure().initial().advance("SELECT MAX(Age, "), "without plain expressions SQLite's scalar max(a, b) stays");
    }

    @Test
    void atMostThreeConditionsPerList() {
        TokenConstraint c = plain();
        String three = "SELECT Name FROM singer WHERE Age > 1 AND Age < 9 OR Country = 'a'";
        assertComplete(c, three);
        assertNull(c.initial().advance(three + " AND"));
        assertNull(c.initial().advance(three + " OR "));   // " OR" may still be ORDER
        // the AND of a BETWEEN is no connective; a subquery has a list of its own
        assertComplete(c, "SELECT Name FROM singer WHERE Age > 1 AND Age < 9 AND Age BETWEEN 1 AND 2");
        assertComplete(c, "SELECT Name FROM singer WHERE Age > 1 AND Age < 9 AND Singer_ID IN "
                + "(SELECT Singer_ID FROM singer WHERE Age > 1 AND Age < 9 AND Country = 'b')");
    }

    @Test
    void offForAblation() {
        TokenConstraint c = QuestionConstraint.of(CONCERT, "How many singers?", List.of(), QuestionConstraint.Rules.SCHEMA_ONLY);
        assertComplete(c, "SELECT COUNT(*) FROM singer WHERE Country = 'EEEE' AND Country = 'EEEE' AND Age > 77");
        assertComplete(c, "SELECT T1.Name FROM singer AS T1 JOIN singer AS T2 ON T1.Singer_ID = T2.Singer_ID "
                + "JOIN singer AS T3 ON T2.Singer_ID = T3.Singer_ID");
    }

    /** The fixture's 297 gold queries with their questions and the values linked from its databases. */
    @Test
    void fixtureGoldQueriesMostlyPass() throws IOException {
        List<ConstraintAudit.Gold> gold = new ArrayList<>();
        for (JsonNode n : new ObjectMapper().readTree(SpiderFixtures.MINI.resolve("dev.json").toFile())) {
            gold.add(new ConstraintAudit.Gold(n.get("db_id").asText(), n.get("query").asText(), n.get("question").asText()));
        }
        Map<String, ValueIndex> indexes = new HashMap<>();
        ConstraintAudit.Report r = ConstraintAudit.run(gold, SCHEMAS, (schema, g) -> {
            ValueIndex v = indexes.computeIfAbsent(g.dbId(), db -> ValueIndex.build(SpiderFixtures.miniDb(db)));
            return QuestionConstraint.of(schema, g.question(), v.link(g.question(), 10).stream().map(LinkedValue::value).toList(),
                    QuestionConstraint.Rules.ALL, LinkScores.NONE, v);
        }, 1);
        System.out.println("spider-mini, value constraint and structure limits: " + r);
        r.failures().forEach(f -> System.out.println("  not accepted: " + f));
        assertEquals(297, r.checked());
        assertTrue(r.accepted() >= 290, r::toString);
    }
}
