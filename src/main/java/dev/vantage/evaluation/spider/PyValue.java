package dev.vantage.evaluation.spider;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * A result cell with the equality, hashing and ordering key Python's sqlite3 rows have in the official
 * test-suite comparison: 1 == 1.0 (and they hash alike), and rows are "unordered" by sorting cells on
 * {@code str(x) + str(type(x))}, which needs Python's float and bytes text.
 */
public final class PyValue {
    private static final PyValue NONE = new PyValue(null);

    private final Object value; // Long, Double, String, byte[], or null
    private String sortKey;

    private PyValue(Object value) {
        this.value = value;
    }

    /** From a JDBC value: integers as Python int, reals as float, text as str, blobs as bytes. */
    public static PyValue of(Object jdbcValue) {
        return switch (jdbcValue) {
            case null -> NONE;
            case Long l -> new PyValue(l);
            case Integer i -> new PyValue(i.longValue());
            case Short s -> new PyValue(s.longValue());
            case Double d -> new PyValue(d);
            case Float f -> new PyValue(f.doubleValue());
            case String s -> new PyValue(s);
            case byte[] b -> new PyValue(b);
            case BigDecimal d -> new PyValue(d.doubleValue());
            case Number n -> new PyValue(n.doubleValue());
            default -> new PyValue(jdbcValue.toString());
        };
    }

    /** {@code str(x) + str(type(x))}, the key the official quick rejection sorts a row's cells by. */
    public String sortKey() {
        if (sortKey == null) {
            sortKey = switch (value) {
                case null -> "None<class 'NoneType'>";
                case Long l -> l + "<class 'int'>";
                case Double d -> floatRepr(d) + "<class 'float'>";
                case String s -> s + "<class 'str'>";
                case byte[] b -> bytesRepr(b) + "<class 'bytes'>";
                default -> value + "<class 'object'>";
            };
        }
        return sortKey;
    }

    /** Python string order (by code point) for sort keys. */
    public static int compareKeys(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PyValue other)) {
            return false;
        }
        Object a = value;
        Object b = other.value;
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Long x && b instanceof Long y) {
            return x.longValue() == y.longValue();
        }
        if (a instanceof Double x && b instanceof Double y) {
            return x.doubleValue() == y.doubleValue(); // Python: 0.0 == -0.0, nan != nan
        }
        if (a instanceof Long x && b instanceof Double y) {
            return intEqualsFloat(x, y);
        }
        if (a instanceof Double x && b instanceof Long y) {
            return intEqualsFloat(y, x);
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        return a.getClass() == b.getClass() && a.equals(b);
    }

    private static boolean intEqualsFloat(long i, double d) {
        if (Double.isNaN(d) || Double.isInfinite(d) || d != Math.rint(d)) {
            return false;
        }
        return new BigDecimal(d).compareTo(BigDecimal.valueOf(i)) == 0;
    }

    @Override
    public int hashCode() {
        return switch (value) {
            case null -> 0;
            case Long l -> Long.hashCode(l);
            case Double d when d == Math.rint(d) && Math.abs(d) < 0x1p63 -> Long.hashCode(d.longValue());
            case Double d -> Double.hashCode(d == 0.0 ? 0.0 : d);
            case byte[] b -> Arrays.hashCode(b);
            default -> value.hashCode();
        };
    }

    @Override
    public String toString() {
        return switch (value) {
            case null -> "None";
            case Double d -> floatRepr(d);
            case byte[] b -> bytesRepr(b);
            case String s -> "'" + s + "'";
            default -> value.toString();
        };
    }

    /** Python's repr(float): shortest round-trip digits, positional for 1e-4 <= |x| < 1e16, else e-notation. */
    static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal shortest = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int decimalPoint = digits.length() - shortest.scale(); // value = 0.digits * 10^decimalPoint
        String sign = d < 0 ? "-" : "";
        if (decimalPoint > -4 && decimalPoint <= 16) {
            if (decimalPoint <= 0) {
                return sign + "0." + "0".repeat(-decimalPoint) + digits;
            }
            if (decimalPoint >= digits.length()) {
                return sign + digits + "0".repeat(decimalPoint - digits.length()) + ".0";
            }
            return sign + digits.substring(0, decimalPoint) + "." + digits.substring(decimalPoint);
        }
        int exponent = decimalPoint - 1;
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }

    /** Python's repr(bytes). */
    static String bytesRepr(byte[] bytes) {
        boolean hasSingle = false;
        boolean hasDouble = false;
        for (byte b : bytes) {
            hasSingle |= b == '\'';
            hasDouble |= b == '"';
        }
        char quote = hasSingle && !hasDouble ? '"' : '\'';
        StringBuilder out = new StringBuilder("b").append(quote);
        for (byte raw : bytes) {
            int b = raw & 0xff;
            if (b == quote || b == '\\') {
                out.append('\\').append((char) b);
            } else if (b == '\t') {
                out.append("\\t");
            } else if (b == '\n') {
                out.append("\\n");
            } else if (b == '\r') {
                out.append("\\r");
            } else if (b < 0x20 || b >= 0x7f) {
                out.append(String.format("\\x%02x", b));
            } else {
                out.append((char) b);
            }
        }
        return out.append(quote).toString();
    }
}
