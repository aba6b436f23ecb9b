package dev.vantage.data.sql;

import dev.vantage.data.schema.DatabaseSchema;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.statement.select.Select;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The literals a query compares schema columns with, and the query rewritten with other values
 * in their place. Works on the normalized form of the query, which is also what it returns.
 */
public final class ValueSlots {
    private final Select select;
    private final List<Expression> literals = new ArrayList<>();
    private final List<ValueSlot> slots = new ArrayList<>();
    private final Map<Object, String> baseReplacements;

    private ValueSlots(String sql, DatabaseSchema schema) {
        String normalized = SqlNormalizer.normalize(sql, schema);
        this.select = SqlNormalizer.parseQuery(normalized);
        QueryCanonicalizer c = new QueryCanonicalizer(schema, NormalizationOptions.KEEP_VALUES);
        c.canonicalize(select);
        this.baseReplacements = c.replacements();
        for (QueryCanonicalizer.LiteralComparison lc : c.comparisons()) {
            boolean like = lc.comparison() instanceof LikeExpression;
            String value = switch (lc.literal()) {
                case StringValue s -> like ? stripWildcards(unescape(s)) : unescape(s);
                default -> lc.literal().toString();
            };
            if (value == null) continue; // a LIKE pattern with inner wildcards: not one value
            literals.add(lc.literal());
            slots.add(new ValueSlot(lc.table().name(), lc.column(), value,
                    lc.literal() instanceof LongValue || lc.literal() instanceof DoubleValue, like));
        }
    }

    /** @throws SqlParseException when the SQL cannot be parsed */
    public static ValueSlots of(String sql, DatabaseSchema schema) {
        return new ValueSlots(sql, schema);
    }

    public List<ValueSlot> slots() {
        return List.copyOf(slots);
    }

    /** The normalized query with the given slots (by index) holding new values; LIKE slots keep their wildcards. */
    public String with(Map<Integer, String> newValues) {
        Map<Object, String> r = new IdentityHashMap<>(baseReplacements);
        for (var e : newValues.entrySet()) {
            int i = e.getKey();
            ValueSlot slot = slots.get(i);
            Expression lit = literals.get(i);
            String v = e.getValue();
            if (slot.numeric()) {
                if (!v.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) throw new IllegalArgumentException("not a number for " + slot + ": " + v);
                r.put(lit, v);
            } else {
                String raw = unescape((StringValue) lit);
                if (slot.like()) v = raw.substring(0, leading(raw)) + v + raw.substring(raw.length() - trailing(raw));
                r.put(lit, SqlLiterals.string(v));
            }
        }
        return CanonicalDeParser.render(select, r);
    }

    /** JSqlParser keeps the doubled quotes of {@code 'it''s'} in the value. */
    private static String unescape(StringValue s) {
        return s.getValue().replace("''", "'");
    }

    private static String stripWildcards(String pattern) {
        String core = pattern.substring(leading(pattern), Math.max(leading(pattern), pattern.length() - trailing(pattern)));
        return core.contains("%") || core.contains("_") || core.isEmpty() ? null : core;
    }

    private static int leading(String p) {
        int i = 0;
        while (i < p.length() && p.charAt(i) == '%') i++;
        return i;
    }

    private static int trailing(String p) {
        int i = 0;
        while (i < p.length() - leading(p) && p.charAt(p.length() - 1 - i) == '%') i++;
        return i;
    }
}
