package dev.vantage.evaluation.spider;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.vantage.evaluation.spider.SpiderGrammar.OP_LIKE;

/**
 * Spider's difficulty levels, decided from the gold query's structure the way the official
 * eval_hardness counts it. Its "aggregate" count has two official quirks kept here: a WHERE comparison
 * counts when it is negated (it tests the NOT flag in the aggregate's place), and every HAVING item
 * counts when it is a connector or a negated comparison.
 */
public enum Hardness {
    EASY, MEDIUM, HARD, EXTRA;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Hardness of(SpiderSql sql) {
        int component1 = countComponent1(sql);
        int component2 = nestedQueries(sql).size();
        int others = countOthers(sql);
        if (component1 <= 1 && others == 0 && component2 == 0) {
            return EASY;
        }
        if ((others <= 2 && component1 <= 1 && component2 == 0)
                || (component1 <= 2 && others < 2 && component2 == 0)) {
            return MEDIUM;
        }
        if ((others > 2 && component1 <= 2 && component2 == 0)
                || (2 < component1 && component1 <= 3 && others <= 2 && component2 == 0)
                || (component1 <= 1 && others == 0 && component2 <= 1)) {
            return HARD;
        }
        return EXTRA;
    }

    /** Subqueries in conditions plus set-operation parts (get_nestedSQL). */
    static List<SpiderSql> nestedQueries(SpiderSql sql) {
        List<SpiderSql> nested = new ArrayList<>();
        for (CondUnit unit : allUnits(sql)) {
            if (unit.val1() instanceof SpiderSql s) {
                nested.add(s);
            }
            if (unit.val2() instanceof SpiderSql s) {
                nested.add(s);
            }
        }
        if (sql.intersect() != null) {
            nested.add(sql.intersect());
        }
        if (sql.except() != null) {
            nested.add(sql.except());
        }
        if (sql.union() != null) {
            nested.add(sql.union());
        }
        return nested;
    }

    static List<CondUnit> allUnits(SpiderSql sql) {
        List<CondUnit> units = new ArrayList<>(sql.from().conds().units());
        units.addAll(sql.where().units());
        units.addAll(sql.having().units());
        return units;
    }

    static List<Object> allConnectors(SpiderSql sql) {
        List<Object> connectors = new ArrayList<>(sql.from().conds().connectors());
        connectors.addAll(sql.where().connectors());
        connectors.addAll(sql.having().connectors());
        return connectors;
    }

    private static int countComponent1(SpiderSql sql) {
        int count = 0;
        if (!sql.where().isEmpty()) {
            count++;
        }
        if (!sql.groupBy().isEmpty()) {
            count++;
        }
        if (sql.orderBy() != null) {
            count++;
        }
        if (sql.limit() != null) {
            count++;
        }
        if (!sql.from().tableUnits().isEmpty()) {
            count += sql.from().tableUnits().size() - 1;
        }
        count += (int) allConnectors(sql).stream().filter("or"::equals).count();
        count += (int) allUnits(sql).stream().filter(unit -> unit.op() == OP_LIKE).count();
        return count;
    }

    private static int countOthers(SpiderSql sql) {
        int aggregates = 0;
        aggregates += (int) sql.select().items().stream().filter(item -> item.agg() != 0).count();
        aggregates += (int) sql.where().units().stream().filter(CondUnit::not).count();
        aggregates += (int) sql.groupBy().stream().filter(unit -> unit.agg() != 0).count();
        if (sql.orderBy() != null) {
            for (ValUnit unit : sql.orderBy().units()) {
                if (unit.col1() != null && unit.col1().agg() != 0) {
                    aggregates++;
                }
            }
            for (ValUnit unit : sql.orderBy().units()) {
                if (unit.col2() != null && unit.col2().agg() != 0) {
                    aggregates++;
                }
            }
        }
        for (Object item : sql.having().items()) {
            // has_agg(item) reads item[0]: a connector string's first letter, or a comparison's NOT flag.
            if (item instanceof String || (item instanceof CondUnit unit && unit.not())) {
                aggregates++;
            }
        }
        int count = aggregates > 1 ? 1 : 0;
        if (sql.select().items().size() > 1) {
            count++;
        }
        if (sql.where().size() > 1) {
            count++;
        }
        if (sql.groupBy().size() > 1) {
            count++;
        }
        return count;
    }
}
