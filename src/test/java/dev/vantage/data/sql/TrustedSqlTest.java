package dev.vantage.data.sql;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class TrustedSqlTest {
    private static TrustedSql.Rows rows(Object[]... rows) {
        return new TrustedSql.Rows(List.of("a", "b"), Arrays.stream(rows).map(Arrays::asList).toList());
    }

    @Test
    void multisetVersusOrder() {
        TrustedSql.Rows x = rows(new Object[]{1L, "a"}, new Object[]{2L, "b"}, new Object[]{2L, "b"});
        TrustedSql.Rows y = rows(new Object[]{2L, "b"}, new Object[]{1L, "a"}, new Object[]{2L, "b"});
        TrustedSql.Rows z = rows(new Object[]{2L, "b"}, new Object[]{1L, "a"}, new Object[]{1L, "a"});
        assertTrue(x.sameRows(y, false));
        assertFalse(x.sameRows(y, true));
        assertFalse(x.sameRows(z, false), "duplicates count");
        assertTrue(rows(new Object[]{null, "a"}).sameRows(rows(new Object[]{null, "a"}), true));
    }

    @Test
    void orderedMeansTopLevelOrderBy() {
        assertTrue(NormalizationAudit.ordered("SELECT a FROM t ORDER BY a"));
        assertFalse(NormalizationAudit.ordered("SELECT a FROM t WHERE a IN (SELECT a FROM u ORDER BY a LIMIT 1)"));
        assertTrue(NormalizationAudit.ordered("SELECT a FROM t UNION SELECT a FROM u ORDER BY a"));
    }
}
