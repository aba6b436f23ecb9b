package dev.vantage.evaluation.spider;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Expected strings come from the official parse.remove_distinct (sqlparse 0.4) on the same input. */
class OfficialRewritesTest {

    @Test
    void removesDistinctWordsOnlyOutsideQuotesAndComments() {
        assertEquals("select count( x), t., \"distinct\", 'distinct' from t",
                OfficialRewrites.removeDistinct("select count(distinct x), t.distinct, \"distinct\", 'distinct' from t"));
        assertEquals("select a -- distinct\n from t", OfficialRewrites.removeDistinct("select a -- distinct\n from t"));
        assertEquals("select [distinct] from t", OfficialRewrites.removeDistinct("select [distinct] from t"));
        assertEquals("select @distinct, $distinct, :distinct, #distinct, distinct#a from t",
                OfficialRewrites.removeDistinct("select @distinct, $distinct, :distinct, #distinct, distinct#a from t"));
    }

    @Test
    void keepsOnlyTheFirstStatement() {
        assertEquals("SELECT 1; ", OfficialRewrites.removeDistinct("SELECT 1; SELECT 2"));
        assertEquals("SELECT  a FROM t ;  ", OfficialRewrites.removeDistinct("SELECT DISTINCT a FROM t ;  "));
        assertEquals("SELECT 1;", OfficialRewrites.removeDistinct("SELECT 1;;"));
    }

    @Test
    void otherRewrites() {
        assertEquals("a >= 1 and b != 2", OfficialRewrites.closeOperators("a > = 1 and b ! = 2"));
        assertEquals("select 2020- born", OfficialRewrites.replaceCurrentYear("select YEAR ( CURDATE() ) - born"));
        assertEquals("where x = 1 and y", OfficialRewrites.plugValuePlaceholder("where x = value and y"));
    }
}
