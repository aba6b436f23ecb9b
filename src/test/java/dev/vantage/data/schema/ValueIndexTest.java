package dev.vantage.data.schema;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ValueIndexTest {
    static final ValueIndex CARS = ValueIndex.build(SpiderFixtures.miniDb("car_1"));

    @Test
    void exactMultiWordMatchIgnoringCaseAndPunctuation() {
        List<LinkedValue> v = CARS.link("Which models are made by general motors?", 3);
        assertTrue(v.stream().anyMatch(l -> l.value().equals("General Motors") && l.score() == 1.0), v.toString());
    }

    @Test
    void fuzzyMatchOfAMisspelling() {
        List<LinkedValue> v = CARS.link("How many cars were made in germny?", 3);
        assertTrue(v.stream().anyMatch(l -> l.value().equals("germany") && l.score() < 1.0 && l.score() >= 0.85), v.toString());
    }

    @Test
    void pluralInQuestionLinksSingularValue() {
        List<LinkedValue> v = ValueIndex.build(SpiderFixtures.miniDb("pets_1")).link("Which students have both cats and dogs?", 2);
        assertTrue(v.stream().anyMatch(l -> l.value().equals("cat") && l.score() == ValueIndex.SINGULAR_SCORE), v.toString());
        assertTrue(v.stream().anyMatch(l -> l.value().equals("dog")), v.toString());
    }

    @Test
    void domainOfATextColumnIsEveryValueAsSpelled() {
        ValueIndex pets = ValueIndex.build(SpiderFixtures.miniDb("pets_1"));
        assertEquals(java.util.Set.of("F", "M"), java.util.Set.copyOf(pets.domain("Student", "Sex")), "short values too");
        assertNull(pets.domain("Student", "Age"), "numbers: unknown");
        assertNull(ValueIndex.build(SpiderFixtures.miniDb("pets_1"), 1).domain("Pets", "PetType"), "at the limit: unknown");
        assertNull(ValueIndex.fromSamples(SchemaReaders.fromSqlite(SpiderFixtures.miniDb("pets_1"))).domain("Student", "Sex"));
    }

    @Test
    void nothingLinkedForUnrelatedQuestion() {
        assertEquals(List.of(), CARS.link("What is the average horsepower?", 3).stream()
                .filter(l -> l.score() == 1.0).toList());
    }

    @Test
    void capsPerColumn() {
        List<LinkedValue> v = CARS.link("ford chevrolet volvo bmw fiat", 2);
        assertFalse(v.isEmpty());
        var perColumn = v.stream().collect(java.util.stream.Collectors.groupingBy(l -> l.table() + "." + l.column(), java.util.stream.Collectors.counting()));
        assertTrue(perColumn.values().stream().allMatch(n -> n <= 2), perColumn.toString());
    }

    @Test
    void similarityIsEditDistanceRatio() {
        assertEquals(1.0, ValueIndex.similarity("france", "france"));
        assertEquals(1 - 1.0 / 7, ValueIndex.similarity("germany", "germny"), 1e-9);
    }
}
