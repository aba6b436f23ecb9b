package dev.vantage.data.sql;

import net.sf.jsqlparser.statement.select.FromItem;

import java.util.ArrayList;
import java.util.List;

/**
 * One SELECT's FROM clause as seen by name resolution: the tables it brings into scope, the
 * enclosing scope (for correlated references) and the subqueries nested in it.
 */
final class QueryScope {
    /** A FROM item: a schema table, a derived table or anything else JSqlParser reads there. */
    static final class TableRef {
        final FromItem item;
        final QueryScope owner;
        final String tableName;      // unquoted; null for derived tables
        final String alias;          // unquoted; null when none
        final dev.vantage.data.schema.Table schemaTable; // null when not a known table
        final List<String> derivedColumns;
        boolean referencedFromInner;
        String newAlias;

        TableRef(FromItem item, QueryScope owner, String tableName, String alias,
                 dev.vantage.data.schema.Table schemaTable, List<String> derivedColumns) {
            this.item = item;
            this.owner = owner;
            this.tableName = tableName;
            this.alias = alias;
            this.schemaTable = schemaTable;
            this.derivedColumns = derivedColumns;
        }

        boolean isTable() {
            return item instanceof net.sf.jsqlparser.schema.Table;
        }

        /** The column's spelling in this table, or null when the table has no such column (or is unknown). */
        String column(String name) {
            if (schemaTable != null) return schemaTable.column(name).map(dev.vantage.data.schema.Column::name).orElse(null);
            for (String c : derivedColumns) if (c.equalsIgnoreCase(name)) return c;
            return null;
        }
    }

    final QueryScope parent;
    final List<TableRef> refs = new ArrayList<>();
    final List<QueryScope> children = new ArrayList<>();
    final List<String> outputAliases = new ArrayList<>();
    /** Some column in this scope or below names a table of an enclosing scope by its alias. */
    boolean correlated;

    QueryScope(QueryScope parent) {
        this.parent = parent;
        if (parent != null) parent.children.add(this);
    }

    /** The FROM item a qualifier names: by alias, else by table name when the table has no alias. */
    TableRef find(String qualifier) {
        for (TableRef r : refs) if (r.alias != null && r.alias.equalsIgnoreCase(qualifier)) return r;
        for (TableRef r : refs) if (r.alias == null && r.tableName != null && r.tableName.equalsIgnoreCase(qualifier)) return r;
        return null;
    }
}
