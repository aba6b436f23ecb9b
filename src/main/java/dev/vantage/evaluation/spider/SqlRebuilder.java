package dev.vantage.evaluation.spider;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Normalises a parsed query before exact match, as the official evaluation does with its default flags:
 * values are dropped (rebuild_sql_val) and DISTINCT flags dropped and foreign-key columns unified
 * (rebuild_sql_col). It follows the official reach exactly: values go from FROM/WHERE/HAVING conditions
 * of the query, its set-operation parts and WHERE/HAVING subqueries; columns are unified in the query
 * and its set-operation parts (with the outer query's FROM tables), but not inside subqueries in
 * conditions or FROM, which therefore keep their DISTINCT flags and original column ids.
 */
final class SqlRebuilder {
    private SqlRebuilder() {
    }

    static SpiderSql normalise(SpiderSql sql, SpiderSchema schema, ForeignKeyMap foreignKeys) {
        Set<String> valid = validColumns(sql.from().tableUnits(), schema);
        return rebuildColumns(valid, withoutValues(sql), foreignKeys);
    }

    /** Columns of the tables named in FROM (build_valid_col_units): only these are unified. */
    private static Set<String> validColumns(List<TableUnit> tableUnits, SpiderSchema schema) {
        List<String> prefixes = new ArrayList<>();
        for (TableUnit unit : tableUnits) {
            if (unit.isTable()) {
                String id = (String) unit.unit();
                prefixes.add(id.substring(0, Math.max(id.length() - 2, 0)));
            }
        }
        Set<String> valid = new java.util.HashSet<>();
        for (String id : schema.idMap().values()) {
            int dot = id.indexOf('.');
            if (dot >= 0 && prefixes.contains(id.substring(0, dot))) {
                valid.add(id);
            }
        }
        return valid;
    }

    // ---- values ----

    static SpiderSql withoutValues(SpiderSql sql) {
        if (sql == null) {
            return null;
        }
        return new SpiderSql(sql.select(), new FromClause(sql.from().tableUnits(), withoutValues(sql.from().conds())),
                withoutValues(sql.where()), sql.groupBy(), withoutValues(sql.having()), sql.orderBy(), sql.limit(),
                withoutValues(sql.intersect()), withoutValues(sql.except()), withoutValues(sql.union()));
    }

    private static Condition withoutValues(Condition condition) {
        List<Object> items = new ArrayList<>(condition.items());
        for (int i = 0; i < items.size(); i += 2) {
            CondUnit unit = (CondUnit) items.get(i);
            items.set(i, new CondUnit(unit.not(), unit.op(), unit.valUnit(), keepOnlySubquery(unit.val1()),
                    keepOnlySubquery(unit.val2())));
        }
        return new Condition(items);
    }

    private static Object keepOnlySubquery(Object value) {
        return value instanceof SpiderSql nested ? withoutValues(nested) : null;
    }

    // ---- columns ----

    private static SpiderSql rebuildColumns(Set<String> valid, SpiderSql sql, ForeignKeyMap keys) {
        if (sql == null) {
            return null;
        }
        List<SelectItem> select = sql.select().items().stream()
                .map(item -> new SelectItem(item.agg(), valUnit(valid, item.valUnit(), keys))).toList();
        List<ColUnit> groupBy = sql.groupBy().stream().map(unit -> colUnit(valid, unit, keys)).toList();
        OrderBy orderBy = sql.orderBy() == null ? null : new OrderBy(sql.orderBy().direction(),
                sql.orderBy().units().stream().map(unit -> valUnit(valid, unit, keys)).toList());
        return new SpiderSql(new SelectClause(null, select),
                // Table units hold a table id string, never a column tuple, so the original leaves them as they are.
                new FromClause(sql.from().tableUnits(), condition(valid, sql.from().conds(), keys)),
                condition(valid, sql.where(), keys), groupBy, condition(valid, sql.having(), keys), orderBy,
                sql.limit(), rebuildColumns(valid, sql.intersect(), keys), rebuildColumns(valid, sql.except(), keys),
                rebuildColumns(valid, sql.union(), keys));
    }

    private static Condition condition(Set<String> valid, Condition condition, ForeignKeyMap keys) {
        List<Object> items = new ArrayList<>(condition.items());
        for (int i = 0; i < items.size(); i += 2) {
            CondUnit unit = (CondUnit) items.get(i);
            items.set(i, new CondUnit(unit.not(), unit.op(), valUnit(valid, unit.valUnit(), keys), unit.val1(), unit.val2()));
        }
        return new Condition(items);
    }

    private static ValUnit valUnit(Set<String> valid, ValUnit unit, ForeignKeyMap keys) {
        if (unit == null) {
            return null;
        }
        return new ValUnit(unit.unitOp(), colUnit(valid, unit.col1(), keys), colUnit(valid, unit.col2(), keys));
    }

    private static ColUnit colUnit(Set<String> valid, ColUnit unit, ForeignKeyMap keys) {
        if (unit == null) {
            return null;
        }
        String representative = keys.representative(unit.colId());
        String id = representative != null && valid.contains(unit.colId()) ? representative : unit.colId();
        return new ColUnit(unit.agg(), id, null);
    }
}
