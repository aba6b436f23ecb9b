package dev.vantage.data.sql;

import dev.vantage.data.schema.DatabaseSchema;
import net.sf.jsqlparser.statement.select.Select;

import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The schema tables and columns a query uses, resolved the way the normalizer resolves them
 * (aliases, unqualified columns by scope, subqueries). Names in lower case, columns as
 * {@code table.column}; {@code *} and names no table in scope has are not counted.
 */
public record SchemaUsage(Set<String> tables, Set<String> columns) {
    public SchemaUsage {
        tables = Set.copyOf(tables);
        columns = Set.copyOf(columns);
    }

    /** @throws SqlParseException when the SQL cannot be parsed */
    public static SchemaUsage of(String sql, DatabaseSchema schema) {
        Select select = SqlNormalizer.parseQuery(sql);
        QueryCanonicalizer c = new QueryCanonicalizer(schema, NormalizationOptions.KEEP_VALUES);
        c.canonicalize(select);
        Set<String> tables = new TreeSet<>(), columns = new TreeSet<>();
        ArrayDeque<QueryScope> todo = new ArrayDeque<>(c.scopes());
        while (!todo.isEmpty()) {
            QueryScope s = todo.poll();
            for (QueryScope.TableRef r : s.refs) if (r.schemaTable != null) tables.add(lower(r.schemaTable.name()));
            todo.addAll(s.children);
        }
        c.columnTables().forEach((col, table) -> {
            String name = SqlLiterals.unquote(col.getColumnName());
            table.column(name).ifPresent(known -> columns.add(lower(table.name() + "." + known.name())));
        });
        return new SchemaUsage(tables, columns);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
