package dev.vantage.inference.constraint;

import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.LinkedValue;
import dev.vantage.data.schema.SchemaReaders;
import dev.vantage.data.schema.SpiderFixtures;
import dev.vantage.data.schema.ValueIndex;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** What a column may equal, on car_1 and flight_2 of spider-mini. */
class ColumnDomainsTest {
    private static final ValueIndex CARS = ValueIndex.build(SpiderFixtures.miniDb("car_1"));
    private static final DatabaseSchema CARS_SCHEMA = SchemaReaders.fromSqlite(SpiderFixtures.miniDb("car_1"));

    @Test
    void everyValueWhereTheQuestionNamesNone() {
        ColumnDomains d = ColumnDomains.of(CARS_SCHEMA, CARS, List.of());
        assertTrue(d.of(null, "CountryName").containsAll(Set.of("usa", "germany", "japan")));
        assertEquals(d.of(null, "countryname"), d.of("COUNTRIES", "CountryName"), "names ignore case");
        assertNull(d.of(null, "Weight"), "numbers: any string may be tried");
        assertTrue(d.of(null, "MPG").contains("18"), "numbers stored as text are text values");
        assertNull(d.of(null, "NoSuchColumn"));
        assertNull(ColumnDomains.of(CARS_SCHEMA, null, List.of()).of(null, "CountryName"), "no database");
    }

    @Test
    void theNamedValuesFuzzyOnesOnlyWithoutAnExactOne() {
        ColumnDomains d = ColumnDomains.of(CARS_SCHEMA, CARS, List.of(
                new LinkedValue("countries", "CountryName", "france", 1.0),
                new LinkedValue("countries", "CountryName", "germany", ValueIndex.SINGULAR_SCORE),
                new LinkedValue("countries", "CountryName", "japan", 0.86)));
        assertEquals(Set.of("france", "germany"), d.of("countries", "CountryName"));
        ColumnDomains fuzzy = ColumnDomains.of(CARS_SCHEMA, CARS, List.of(new LinkedValue("countries", "CountryName", "japan", 0.86)));
        assertEquals(Set.of("japan"), fuzzy.of("T1", "CountryName"));
    }

    @Test
    void valuesAlsoWithoutTheirSurroundingSpaces() {
        ValueIndex flights = ValueIndex.build(SpiderFixtures.miniDb("flight_2"));
        DatabaseSchema schema = SchemaReaders.fromSqlite(SpiderFixtures.miniDb("flight_2"));
        Set<String> cities = ColumnDomains.of(schema, flights, List.of()).of("airports", "City");
        assertTrue(cities.contains("Aberdeen ") && cities.contains("Aberdeen"), "as stored, and as gold writes it");
    }

    @Test
    void aColumnOfNumbersIsComparedWithTheQuestionsNumbersOnly() {
        ColumnDomains d = ColumnDomains.of(CARS_SCHEMA, CARS, List.of());
        assertTrue(d.numeric(null, "Weight"));
        assertTrue(d.numeric("cars_data", "weight"));
        assertFalse(d.numeric(null, "MPG"), "declared text, numbers stored as text");
        assertFalse(d.numeric(null, "CountryName"));
        assertFalse(ColumnDomains.of(CARS_SCHEMA, null, List.of()).numeric(null, "Weight"), "no database");

        var c = QuestionConstraint.of(CARS_SCHEMA, "How many cars weigh more than 3000?", List.of(),
                QuestionConstraint.Rules.ALL, LinkScores.NONE, CARS);
        String where = "SELECT COUNT(*) FROM cars_data WHERE Weight ";
        assertNotNull(c.initial().advance(where + "> 3000"));
        assertNotNull(c.initial().advance(where + "> '3000'"), "a number as a string, as gold writes some");
        assertNull(c.initial().advance(where + "> 'c"), "a word of the question");
        assertNull(c.initial().advance(where + "= 'c"));
        var none = QuestionConstraint.of(CARS_SCHEMA, "Which cars are heavy?", List.of(),
                QuestionConstraint.Rules.ALL, LinkScores.NONE, CARS);
        assertNull(none.initial().advance(where + "= 'h"), "no number stated: 0 and 1 only");
        assertNotNull(none.initial().advance(where + "= '1'"));

        var between = QuestionConstraint.of(CARS_SCHEMA, "Which cars weigh between 3000 and 4000?", List.of(),
                QuestionConstraint.Rules.ALL, LinkScores.NONE, CARS);
        String range = "SELECT Id FROM cars_data WHERE Weight BETWEEN 3000 AND ";
        assertNotNull(between.initial().advance(range + "4000"));
        assertNull(between.initial().advance(range + "3000 "), "the upper bound above the lower");
        assertNull(between.initial().advance(range + "1 "));
    }
}
