package dev.vantage.evaluation.spider;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResultEquivalenceTest {

    private static List<List<PyValue>> rows(Object[]... rows) {
        return Arrays.stream(rows).map(r -> Arrays.stream(r).map(PyValue::of).toList()).toList();
    }

    @Test
    void bagsIgnoreRowOrderUnlessOrdered() {
        var gold = rows(new Object[] {1L, "a"}, new Object[] {2L, "b"});
        var swapped = rows(new Object[] {2L, "b"}, new Object[] {1L, "a"});
        assertTrue(ResultEquivalence.equivalent(gold, swapped, false));
        assertFalse(ResultEquivalence.equivalent(gold, swapped, true));
    }

    @Test
    void duplicatesCount() {
        var gold = rows(new Object[] {1L}, new Object[] {1L}, new Object[] {2L});
        var pred = rows(new Object[] {1L}, new Object[] {2L}, new Object[] {2L});
        assertFalse(ResultEquivalence.equivalent(gold, pred, false));
    }

    @Test
    void columnsMatchUpToPermutation() {
        var gold = rows(new Object[] {1L, "a", 2.5}, new Object[] {2L, "b", 3.5});
        var pred = rows(new Object[] {"a", 2.5, 1L}, new Object[] {"b", 3.5, 2L});
        assertTrue(ResultEquivalence.equivalent(gold, pred, false));
        var wide = rows(new Object[] {1L, 2L, 3L, 4L, 5L}, new Object[] {6L, 7L, 8L, 9L, 10L});
        var widePermuted = rows(new Object[] {5L, 3L, 1L, 2L, 4L}, new Object[] {10L, 8L, 6L, 7L, 9L});
        assertTrue(ResultEquivalence.equivalent(wide, widePermuted, true));
    }

    @Test
    void columnsMustPermuteConsistently() {
        var gold = rows(new Object[] {1L, 2L}, new Object[] {3L, 4L});
        var crossed = rows(new Object[] {1L, 2L}, new Object[] {4L, 3L});
        assertFalse(ResultEquivalence.equivalent(gold, crossed, false));
    }

    @Test
    void intEqualsFloatAndWidthMustAgree() {
        assertTrue(ResultEquivalence.equivalent(rows(new Object[] {3L}), rows(new Object[] {3.0}), false));
        assertFalse(ResultEquivalence.equivalent(rows(new Object[] {3L}), rows(new Object[] {3L, 3L}), false));
        assertTrue(ResultEquivalence.equivalent(rows(), rows(), true));
        assertFalse(ResultEquivalence.equivalent(rows(new Object[] {1L}), rows(), false));
    }
}
