package dev.vantage.evaluation.spider;

import java.util.List;

/** The keyword and operator tables of the official grammar; indexes into them are the ids stored in units. */
public final class SpiderGrammar {
    public static final List<String> CLAUSE_KEYWORDS =
            List.of("select", "from", "where", "group", "order", "limit", "intersect", "union", "except");
    public static final List<String> JOIN_KEYWORDS = List.of("join", "on", "as");
    public static final List<String> WHERE_OPS =
            List.of("not", "between", "=", ">", "<", ">=", "<=", "!=", "in", "like", "is", "exists");
    public static final List<String> UNIT_OPS = List.of("none", "-", "+", "*", "/");
    public static final List<String> AGG_OPS = List.of("none", "max", "min", "count", "sum", "avg");
    public static final List<String> COND_OPS = List.of("and", "or");
    public static final List<String> SQL_OPS = List.of("intersect", "union", "except");
    public static final List<String> ORDER_OPS = List.of("desc", "asc");

    public static final int OP_BETWEEN = WHERE_OPS.indexOf("between");
    public static final int OP_IN = WHERE_OPS.indexOf("in");
    public static final int OP_LIKE = WHERE_OPS.indexOf("like");

    private SpiderGrammar() {
    }
}
