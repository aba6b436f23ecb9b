package dev.vantage.evaluation.spider;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Expected strings are Python 3's repr() of the same values. */
class PyValueTest {

    @Test
    void floatReprMatchesPython() {
        double[] values = {1.0, 0.1, 1e16, 1e15, 123456789012345678.0, 0.0001, 0.00001, -2.5e-7, 3.14159, 1.0 / 3,
                Math.pow(2, 70), -0.0, 100.0, 1.5e300};
        String[] python = {"1.0", "0.1", "1e+16", "1000000000000000.0", "1.2345678901234568e+17", "0.0001", "1e-05",
                "-2.5e-07", "3.14159", "0.3333333333333333", "1.1805916207174113e+21", "-0.0", "100.0", "1.5e+300"};
        for (int i = 0; i < values.length; i++) {
            assertEquals(python[i], PyValue.floatRepr(values[i]), "repr of " + values[i]);
        }
    }

    @Test
    void bytesReprMatchesPython() {
        assertEquals("b'a\\'b\\x00\\xff\\\\\"'", PyValue.bytesRepr(new byte[] {'a', '\'', 'b', 0, (byte) 0xff, '\\', '"'}));
        assertEquals("b\"it's\"", PyValue.bytesRepr("it's".getBytes()));
    }

    @Test
    void intAndFloatAreEqualAndHashAlikeButSortApart() {
        PyValue one = PyValue.of(1L);
        PyValue oneFloat = PyValue.of(1.0);
        assertEquals(one, oneFloat);
        assertEquals(one.hashCode(), oneFloat.hashCode());
        assertNotEquals(one.sortKey(), oneFloat.sortKey());
        assertEquals("1<class 'int'>", one.sortKey());
        assertEquals("1.0<class 'float'>", oneFloat.sortKey());
        assertNotEquals(PyValue.of(9007199254740993L), PyValue.of(9007199254740992.0));
        assertNotEquals(PyValue.of("1"), one);
        assertEquals(PyValue.of(null), PyValue.of(null));
    }
}
