package dev.vantage.evaluation.spider;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Expected token lists were produced by the official process_sql.tokenize (NLTK 3.8). */
class SpiderTokenizerTest {

    @Test
    void operatorsGlueToValuesWithoutSpaces() throws SpiderParseException {
        assertEquals(List.of("select", "count", "(", "*", ")", "from", "singer", "where", "age", ">", "=20"),
                SpiderTokenizer.tokenize("SELECT count(*) FROM singer WHERE age>=20"));
    }

    @Test
    void quotedValuesBecomeKeysAndAdjacentOnesStayGlued() throws SpiderParseException {
        assertEquals(List.of("select", "a.name", "from", "t", "as", "a", "where", "a.x", "!=",
                        "__val_39_41____val_42_48__", "and", "b", "<", ">", "3"),
                SpiderTokenizer.tokenize("select a.name from t as a where a.x != 'O''Brien' and b<>3"));
    }

    @Test
    void equalsWithoutSpacesStaysOneToken() throws SpiderParseException {
        assertEquals(List.of("select", "t1.name", "from", "t1", "as", "t1", "join", "t2", "as", "t2", "on", "t1.id=t2.id"),
                SpiderTokenizer.tokenize("SELECT T1.name FROM t1 AS T1 JOIN t2 AS T2 ON T1.id=T2.id"));
    }

    @Test
    void punctuationAndFinalPeriod() throws SpiderParseException {
        assertEquals(List.of("select", "max", "(", "x", ")", ",", "min", "(", "y", ")", "from", "z", "order", "by",
                "x", "desc", "limit", "3", ";"), SpiderTokenizer.tokenize("select max(x) , min(y) from z order by x desc limit 3;"));
        assertEquals(List.of("select", "a", "from", "t", "where", "b", "=", "3", "."),
                SpiderTokenizer.tokenize("select a from t where b = 3."));
    }

    @Test
    void doubleQuotedValuesKeepTheirCase() throws SpiderParseException {
        assertEquals(List.of("select", "a", "from", "b", "where", "c", "like", "\"%x%\"", "intersect", "select", "a", "from", "b"),
                SpiderTokenizer.tokenize("SELECT a FROM b WHERE c LIKE \"%x%\" INTERSECT SELECT a FROM b"));
    }

    @Test
    void treebankQuirksBackticksAndContractions() throws SpiderParseException {
        assertEquals(List.of("select", "`", "name", "`", "from", "t", "where", "can", "not", "=", "1.5e3", ",", "x"),
                SpiderTokenizer.tokenize("select `name` from t where cannot = 1.5e3 , x"));
        assertEquals(List.of("select", "a", "--", "b"), SpiderTokenizer.tokenize("select a -- b"));
    }

    @Test
    void oddQuoteCountIsRefused() {
        assertThrows(SpiderParseException.class, () -> SpiderTokenizer.tokenize("select a from t where b = 'x"));
    }
}
