package dev.vantage.evaluation.wikisql;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vantage.evaluation.spider.PyValue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * A WikiSQL logical form: selected column, aggregate, and conditions (column, operator, value), compared
 * as lib/query.Query compares them: same column and aggregate, and the same conditions with values
 * compared as lower-cased text, as a set (or in order with --ordered).
 */
public record WikiSqlQuery(int sel, int agg, List<Condition> conds) {
    public static final List<String> AGG_OPS = List.of("", "MAX", "MIN", "COUNT", "SUM", "AVG");
    public static final List<String> COND_OPS = List.of("=", ">", "<", "OP");

    /** @param value a String, Long or Double as in the JSON */
    public record Condition(int column, int op, Object value) {
        /** Python's str(value).lower(). */
        String comparableValue() {
            String text = value instanceof Double d ? PyValue.of(d).toString() : String.valueOf(value);
            return text.toLowerCase(Locale.ROOT);
        }
    }

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

    public boolean sameLogicalForm(WikiSqlQuery other, boolean ordered) {
        if (sel != other.sel || agg != other.agg) {
            return false;
        }
        List<List<Object>> mine = comparable();
        List<List<Object>> theirs = other.comparable();
        return ordered ? mine.equals(theirs) : new HashSet<>(mine).equals(new HashSet<>(theirs));
    }

    private List<List<Object>> comparable() {
        return conds.stream().map(c -> List.<Object>of(c.column(), c.op(), c.comparableValue())).toList();
    }
}
