package dev.vantage.evaluation.execution;

import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.util.TablesNamesFinder;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * First line of defence for untrusted SQL: JSqlParser must read exactly one statement, and it must be
 * a query (SELECT, or WITH ... SELECT, with set operations and subqueries) that nowhere, however deeply
 * nested, writes: no SELECT INTO, no data-modifying CTE (WITH x AS (DELETE ... RETURNING ...)), no
 * SELECT ... FOR UPDATE. The connection is opened read-only as well; this check keeps such SQL from
 * reaching it at all and gives a reason a person can read.
 */
public final class ReadOnlyQueryGuard {
    /**
     * JSqlParser runs each parse on an executor (to bound pathological inputs); its default one is not
     * always shut down, which keeps a JVM alive, so parses run on these daemon threads instead.
     */
    private static final ExecutorService PARSER_THREADS = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("sql-guard-parser-", 0).factory());

    /** Returns the parsed query, or throws naming what is not allowed. */
    public Select check(String sql) throws UnsafeQueryException {
        if (sql == null || sql.isBlank()) {
            throw new UnsafeQueryException("empty query");
        }
        List<Statement> statements;
        try {
            statements = CCJSqlParserUtil.parseStatements(sql, PARSER_THREADS, parser -> { }).stream().toList();
        } catch (JSQLParserException e) {
            throw new UnsafeQueryException("not parseable as SQL: " + firstLine(e), e);
        }
        if (statements.size() != 1) {
            throw new UnsafeQueryException("exactly one statement allowed, found " + statements.size());
        }
        if (!(statements.getFirst() instanceof Select select)) {
            throw new UnsafeQueryException("only queries are allowed, found "
                    + statements.getFirst().getClass().getSimpleName().toUpperCase());
        }
        WriteFinder finder = new WriteFinder();
        try {
            finder.getTablesOrOtherSources(select);
        } catch (RuntimeException e) {
            throw new UnsafeQueryException("query structure not understood: " + e.getMessage(), e);
        }
        if (!finder.problems.isEmpty()) {
            throw new UnsafeQueryException("not a read-only query: " + String.join("; ", finder.problems));
        }
        return select;
    }

    /** Walks every select, subquery and CTE (JSqlParser's own traversal) and notes anything that writes. */
    private static final class WriteFinder extends TablesNamesFinder<Void> {
        final Set<String> problems = new LinkedHashSet<>(); // a CTE is visited more than once

        @Override
        public <S> Void visit(PlainSelect plainSelect, S context) {
            if (plainSelect.getIntoTables() != null && !plainSelect.getIntoTables().isEmpty()) {
                problems.add("SELECT INTO");
            }
            checkLocking(plainSelect);
            return super.visit(plainSelect, context);
        }

        @Override
        public <S> Void visit(ParenthesedSelect select, S context) {
            checkLocking(select);
            return super.visit(select, context);
        }

        @Override
        public <S> Void visit(WithItem<?> withItem, S context) {
            if (!(withItem.getParenthesedStatement() instanceof ParenthesedSelect)) {
                problems.add("data-modifying WITH item " + withItem.getAliasName());
                return null; // its body is DML: nothing to read further
            }
            return super.visit(withItem, context);
        }

        private void checkLocking(Select select) {
            if (select.getForMode() != null || select.getForUpdateTable() != null) {
                problems.add("SELECT ... FOR " + select.getForMode());
            }
        }
    }

    private static String firstLine(Exception e) {
        String message = e.getCause() != null && e.getCause().getMessage() != null
                ? e.getCause().getMessage() : String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
