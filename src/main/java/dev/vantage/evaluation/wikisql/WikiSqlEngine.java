package dev.vantage.evaluation.wikisql;

import dev.vantage.data.dataset.WikiSqlQuery;
import dev.vantage.evaluation.execution.ConnectionPool;
import dev.vantage.evaluation.execution.ExecutionOutcome;
import dev.vantage.evaluation.execution.SafeExecutor;
import dev.vantage.evaluation.execution.SqliteConnector;
import dev.vantage.evaluation.spider.PyValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs WikiSQL logical forms on the benchmark's SQLite file the way lib/dbengine.DBEngine does:
 * {@code SELECT agg(colN) AS result FROM table_<id> WHERE colI op :colI ...}, string values lower-cased,
 * values for real columns turned into numbers. Values are written as SQL literals (bound parameters in
 * the original) so the query passes the same guard as any other; like the original, two conditions on
 * one column both receive the later value, since its parameters are keyed by column.
 */
public final class WikiSqlEngine {
    private static final Pattern SCHEMA = Pattern.compile("\\((.+)\\)");
    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d*\\.\\d+|\\d+");

    private final SqliteConnector database;
    private final SafeExecutor executor;
    private final ConnectionPool pool;
    private final Map<String, Map<String, String>> columnTypes = new ConcurrentHashMap<>();

    public WikiSqlEngine(SqliteConnector database, SafeExecutor executor, ConnectionPool pool) {
        this.database = database;
        this.executor = executor;
        this.pool = pool;
    }

    /** The result column, or an exception message as the original's repr(e) stand-in. */
    public Object execute(String tableId, WikiSqlQuery query) {
        String table = tableId.startsWith("table") ? tableId : "table_" + tableId.replace('-', '_');
        Map<String, String> types = columnTypes.computeIfAbsent(table, this::readTypes);
        if (types.isEmpty()) {
            return "unknown table " + table;
        }
        String select = "col" + query.sel();
        if (query.agg() < 0 || query.agg() >= WikiSqlQuery.AGG_OPS.size()) {
            return "invalid aggregate " + query.agg();
        }
        String agg = WikiSqlQuery.AGG_OPS.get(query.agg());
        if (!agg.isEmpty()) {
            select = agg + "(" + select + ")";
        }
        Map<String, String> literals = new HashMap<>(); // keyed by column: a later value wins, as in the original
        List<String[]> comparisons = new ArrayList<>();
        for (WikiSqlQuery.Condition c : query.conds()) {
            String column = "col" + c.column();
            if (c.op() < 0 || c.op() >= WikiSqlQuery.COND_OPS.size()) {
                return "invalid operator " + c.op();
            }
            Object value = c.value() instanceof String s ? s.toLowerCase(Locale.ROOT) : c.value();
            if ("real".equals(types.get(column)) && value instanceof String s) {
                Double number = toNumber(s);
                if (number == null) {
                    return "IndexError: no number in '" + s + "'";
                }
                value = number;
            }
            comparisons.add(new String[] {column, WikiSqlQuery.COND_OPS.get(c.op())});
            literals.put(column, literal(value));
        }
        List<String> where = comparisons.stream().map(c -> c[0] + " " + c[1] + " " + literals.get(c[0])).toList();
        String sql = "SELECT " + select + " AS result FROM " + table
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where));
        ExecutionOutcome outcome = pool.execute(executor, database, sql);
        if (!outcome.isOk()) {
            return outcome.status() + ": " + outcome.message();
        }
        List<PyValue> column = new ArrayList<>();
        for (List<Object> row : outcome.result().rows()) {
            column.add(PyValue.of(row.getFirst()));
        }
        return column;
    }

    /** babel's lenient parse_decimal (group commas dropped), else the first number in the text. */
    static Double toNumber(String text) {
        String plain = text.strip().replace(",", "");
        try {
            return new BigDecimal(plain).doubleValue();
        } catch (NumberFormatException e) {
            Matcher m = NUMBER.matcher(text);
            return m.find() ? Double.parseDouble(m.group()) : null;
        }
    }

    private static String literal(Object value) {
        return switch (value) {
            case String s -> "'" + s.replace("'", "''") + "'";
            case Double d -> d.isNaN() || d.isInfinite() ? "NULL" : BigDecimal.valueOf(d).toPlainString();
            default -> String.valueOf(value);
        };
    }

    private Map<String, String> readTypes(String table) {
        ExecutionOutcome outcome = pool.execute(executor, database,
                "SELECT sql FROM sqlite_master WHERE tbl_name = '" + table.replace("'", "''") + "'");
        Map<String, String> types = new LinkedHashMap<>();
        if (!outcome.isOk() || outcome.result().rows().isEmpty()) {
            return types;
        }
        Matcher m = SCHEMA.matcher(String.valueOf(outcome.result().rows().getFirst().getFirst()));
        if (m.find()) {
            for (String part : m.group(1).split(", ")) {
                String[] ct = part.trim().split("\\s+");
                if (ct.length == 2) {
                    types.put(ct[0], ct[1]);
                }
            }
        }
        return types;
    }
}
