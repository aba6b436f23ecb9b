package dev.vantage.data.dataset;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A WikiSQL logical form {sel, agg, conds: [[col, op, value]]} with the operator tables of the official
 * {@code lib/query.py}: aggregation ops ['', MAX, MIN, COUNT, SUM, AVG], condition ops [=, >, <, OP].
 * The dataset loader turns gold forms into SQLite SQL ({@link #toSql}) with the semantics of
 * {@code lib/dbengine.py}: table {@code table_<id with - as _>}, columns {@code col0..colN}, string
 * values lower-cased, and values compared with a {@code real} column read as numbers (grouping commas
 * removed, else the first number in the text). Values are written inline as literals, which SQLite
 * compares exactly as it compares the bound parameters of the official engine. The WikiSQL evaluator
 * reads gold and predicted forms with {@link #fromJson} and executes them with its own engine.
 */
public record WikiSqlQuery(int sel, int agg, List<Condition> conds) {
    public static final List<String> AGG_OPS = List.of("", "MAX", "MIN", "COUNT", "SUM", "AVG");
    public static final List<String> COND_OPS = List.of("=", ">", "<", "OP");
    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d*\\.\\d+|\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d{1,3}(,\\d{3})+|\\d+)(\\.\\d+)?|[-+]?\\.\\d+");

    public WikiSqlQuery {
        conds = List.copyOf(conds);
    }

    /** @param value a String, Long or Double as in the JSON */
    public record Condition(int column, int op, Object value) {}

    /** A form as the evaluator reads it: shape checked, indices kept as given (the engine bounds-checks them). */
    public static WikiSqlQuery fromJson(JsonNode sql, String where) {
        if (sql == null || !sql.has("sel") || !sql.has("agg") || !sql.has("conds")) {
            throw new IllegalArgumentException(where + ": expected an object with sel, agg and conds");
        }
        List<Condition> conds = new ArrayList<>();
        for (JsonNode c : sql.get("conds")) {
            if (!c.isArray() || c.size() != 3) {
                throw new IllegalArgumentException(where + ": each condition must be [column, op, value], got " + c);
            }
            JsonNode v = c.get(2);
            Object value = v.isIntegralNumber() ? (Object) v.asLong() : v.isNumber() ? (Object) v.asDouble() : v.asText();
            conds.add(new Condition(c.get(0).asInt(), c.get(1).asInt(), value));
        }
        return new WikiSqlQuery(sql.get("sel").asInt(), sql.get("agg").asInt(), conds);
    }

    /** The SQLite table name of a WikiSQL table id. */
    public static String tableName(String tableId) {
        return tableId.startsWith("table") ? tableId : "table_" + tableId.replace('-', '_');
    }

    /** Thrown for a logical form that does not fit its table; names the offending field. */
    public static final class InvalidLogicalForm extends Exception {
        public final String field;
        InvalidLogicalForm(String field, String message) { super(message); this.field = field; }
    }

    /**
     * @param sql        the {@code sql} object of a WikiSQL example
     * @param columnTypes the table's {@code types} ("text" or "real"), one per column
     */
    public static String toSql(String tableId, JsonNode sql, List<String> columnTypes) throws InvalidLogicalForm {
        if (sql == null || !sql.isObject()) throw new InvalidLogicalForm("sql", "expected an object {sel, agg, conds}");
        int sel = intField(sql, "sel", columnTypes.size());
        int agg = intField(sql, "agg", AGG_OPS.size());
        String select = "col" + sel;
        if (!AGG_OPS.get(agg).isEmpty()) select = AGG_OPS.get(agg) + "(" + select + ")";
        JsonNode conds = sql.get("conds");
        if (conds != null && !conds.isNull() && !conds.isArray()) throw new InvalidLogicalForm("sql.conds", "expected a list");
        List<String> where = new ArrayList<>();
        for (int i = 0; conds != null && i < conds.size(); i++) {
            JsonNode c = conds.get(i);
            String path = "sql.conds[" + i + "]";
            if (!c.isArray() || c.size() != 3) throw new InvalidLogicalForm(path, "expected [column, operator, value]");
            int col = index(c.get(0), path + "[0]", columnTypes.size());
            int op = index(c.get(1), path + "[1]", COND_OPS.size());
            String literal = literal(c.get(2), "real".equalsIgnoreCase(columnTypes.get(col)), path + "[2]");
            where.add("col" + col + " " + COND_OPS.get(op) + " " + literal);
        }
        String q = "SELECT " + select + " FROM " + tableName(tableId);
        return where.isEmpty() ? q : q + " WHERE " + String.join(" AND ", where);
    }

    private static int intField(JsonNode sql, String field, int bound) throws InvalidLogicalForm {
        return index(sql.get(field), "sql." + field, bound);
    }

    private static int index(JsonNode v, String path, int bound) throws InvalidLogicalForm {
        if (v == null || !v.isIntegralNumber()) throw new InvalidLogicalForm(path, "expected an integer, found " + v);
        int i = v.asInt();
        if (i < 0 || i >= bound) throw new InvalidLogicalForm(path, i + " is out of range 0.." + (bound - 1));
        return i;
    }

    private static String literal(JsonNode v, boolean realColumn, String path) throws InvalidLogicalForm {
        if (v == null || v.isNull() || v.isContainerNode()) throw new InvalidLogicalForm(path, "expected a string or number");
        if (v.isIntegralNumber()) return v.bigIntegerValue().toString();
        if (v.isNumber()) return pythonFloat(v.doubleValue());
        String s = v.asText().toLowerCase(Locale.ROOT);
        if (realColumn) {
            Matcher whole = DECIMAL.matcher(s.strip());
            if (whole.matches()) return pythonFloat(Double.parseDouble(s.strip().replace(",", "")));
            Matcher first = NUMBER.matcher(s);
            if (!first.find()) throw new InvalidLogicalForm(path, "'" + v.asText() + "' compared with a real column has no number");
            return pythonFloat(Double.parseDouble(first.group()));
        }
        return "'" + s.replace("'", "''") + "'";
    }

    /** A double as Python's repr would print it (1998.0, 0.5), so literals match the official engine. */
    static String pythonFloat(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e16) return BigDecimal.valueOf(d).toBigInteger() + ".0";
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
