package dev.vantage.data.sql;

import dev.vantage.data.schema.DatabaseSchema;
import net.sf.jsqlparser.expression.Alias;
import net.sf.jsqlparser.expression.DateValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.HexValue;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.TimeValue;
import net.sf.jsqlparser.expression.TimestampValue;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.LikeExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedFromItem;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.WithItem;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Rewrites a parsed query in place into canonical form, and records the nodes the deparser must
 * print differently (double-quoted "identifiers" that are really strings, masked literals).
 * <ul>
 * <li>Tables and columns take the schema's spelling.</li>
 * <li>Table aliases become T1, T2, ... in FROM order; a SELECT over a single table drops its alias
 *     and the qualifiers pointing to it. A subquery that refers to no enclosing table restarts at T1
 *     (as do the branches of UNION/INTERSECT/EXCEPT); a correlated one continues the enclosing
 *     numbering, so no alias it needs is shadowed.</li>
 * <li>{@code "x"} that names no column in scope is a string (SQLite's own rule) and becomes {@code 'x'}.</li>
 * <li>Function names upper case, {@code INNER JOIN} → {@code JOIN}, explicit {@code ASC} dropped.</li>
 * </ul>
 */
final class QueryCanonicalizer {
    private static final Pattern SIMPLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private record Binding(Consumer<Table> setQualifier, boolean qualifierRequired, QueryScope.TableRef ref, QueryScope from) {}

    private final DatabaseSchema schema;
    private final NormalizationOptions options;
    private final Map<Object, String> replacements = new IdentityHashMap<>();
    private final List<Binding> bindings = new ArrayList<>();
    private final List<QueryScope> roots = new ArrayList<>();
    private final Map<Column, dev.vantage.data.schema.Table> columnTables = new IdentityHashMap<>();
    private final List<LiteralComparison> comparisons = new ArrayList<>();

    /** {@code column op literal} (either side), with the schema table the column resolved to. */
    record LiteralComparison(dev.vantage.data.schema.Table table, String column, Expression literal, Expression comparison) {}

    QueryCanonicalizer(DatabaseSchema schemaOrNull, NormalizationOptions options) {
        this.schema = schemaOrNull;
        this.options = options;
    }

    /** Nodes to print as the given text instead of their own rendering. */
    Map<Object, String> replacements() {
        return replacements;
    }

    /** The comparisons of a known column with a literal, in the order the walk met them. */
    List<LiteralComparison> comparisons() {
        return comparisons;
    }

    /** Column references that resolved to a schema table, with that table. */
    Map<Column, dev.vantage.data.schema.Table> columnTables() {
        return columnTables;
    }

    /** The top-level scopes (each with its nested ones). */
    List<QueryScope> scopes() {
        return roots;
    }

    void canonicalize(Select select) {
        roots.addAll(select(select, null));
        for (QueryScope s : roots) number(s, 1);
        apply();
    }

    // ---- building scopes and resolving names ----

    private List<QueryScope> select(Select sel, QueryScope parent) {
        List<QueryScope> made = new ArrayList<>();
        if (sel.getWithItemsList() != null) {
            for (WithItem<?> w : sel.getWithItemsList()) {
                if (w.getSelect() != null) made.addAll(select(w.getSelect(), parent));
            }
        }
        switch (sel) {
            case PlainSelect ps -> made.add(plain(ps, parent));
            case SetOperationList sol -> {
                for (Select branch : sol.getSelects()) made.addAll(select(branch, parent));
                if (sol.getOrderByElements() != null) {
                    QueryScope s = new QueryScope(parent); // ORDER BY of a compound names result columns
                    made.add(s);
                    orderBy(sol.getOrderByElements(), s);
                }
            }
            case ParenthesedSelect p -> made.addAll(select(p.getSelect(), parent));
            default -> { } // VALUES and the like: nothing to resolve
        }
        return made;
    }

    private QueryScope plain(PlainSelect ps, QueryScope parent) {
        QueryScope s = new QueryScope(parent);
        List<Expression> onExpressions = new ArrayList<>();
        if (ps.getFromItem() != null) register(ps.getFromItem(), s, onExpressions);
        if (ps.getJoins() != null) for (Join j : ps.getJoins()) join(j, s, onExpressions);
        for (SelectItem<?> item : ps.getSelectItems()) {
            if (item.getAlias() != null) s.outputAliases.add(SqlLiterals.unquote(item.getAlias().getName()));
        }
        Walker w = new Walker(s);
        for (SelectItem<?> item : ps.getSelectItems()) item.getExpression().accept(w, null);
        for (Expression on : onExpressions) on.accept(w, null);
        if (ps.getWhere() != null) ps.getWhere().accept(w, null);
        if (ps.getGroupBy() != null && ps.getGroupBy().getGroupByExpressionList() != null) {
            for (Object e : ps.getGroupBy().getGroupByExpressionList()) ((Expression) e).accept(w, null);
        }
        if (ps.getHaving() != null) ps.getHaving().accept(w, null);
        orderBy(ps.getOrderByElements(), s);
        return s;
    }

    private void join(Join j, QueryScope s, List<Expression> onExpressions) {
        register(j.getFromItem(), s, onExpressions);
        if (j.isInner() && !j.isLeft() && !j.isRight() && !j.isFull() && !j.isOuter() && !j.isNatural() && !j.isCross()) j.setInner(false);
        if (j.getOnExpressions() != null) onExpressions.addAll(j.getOnExpressions());
    }

    private void orderBy(List<OrderByElement> elements, QueryScope s) {
        if (elements == null) return;
        Walker w = new Walker(s);
        for (OrderByElement e : elements) {
            if (e.isAscDescPresent() && e.isAsc()) e.setAscDescPresent(false);
            e.getExpression().accept(w, null);
        }
    }

    private void register(FromItem item, QueryScope s, List<Expression> onExpressions) {
        String alias = item.getAlias() == null ? null : SqlLiterals.unquote(item.getAlias().getName());
        switch (item) {
            case Table t -> {
                String name = SqlLiterals.unquote(t.getName());
                var known = schema == null || t.getSchemaName() != null ? null : schema.table(name).orElse(null);
                s.refs.add(new QueryScope.TableRef(t, s, name, alias, known, List.of()));
            }
            case ParenthesedSelect p -> {
                select(p.getSelect(), s);
                s.refs.add(new QueryScope.TableRef(p, s, null, alias, null, outputNames(p.getSelect())));
            }
            case ParenthesedFromItem p -> {
                register(p.getFromItem(), s, onExpressions);
                if (p.getJoins() != null) for (Join j : p.getJoins()) join(j, s, onExpressions);
            }
            default -> s.refs.add(new QueryScope.TableRef(item, s, null, alias, null, List.of()));
        }
    }

    private static List<String> outputNames(Select sel) {
        while (sel instanceof ParenthesedSelect p) sel = p.getSelect();
        if (sel instanceof SetOperationList sol) return outputNames(sol.getSelects().getFirst());
        if (!(sel instanceof PlainSelect ps)) return List.of();
        List<String> out = new ArrayList<>();
        for (SelectItem<?> item : ps.getSelectItems()) {
            if (item.getAlias() != null) out.add(SqlLiterals.unquote(item.getAlias().getName()));
            else if (item.getExpression() instanceof Column c) out.add(SqlLiterals.unquote(c.getColumnName()));
        }
        return out;
    }

    private final class Walker extends ExpressionVisitorAdapter<Void> {
        private final QueryScope scope;

        Walker(QueryScope scope) {
            this.scope = scope;
        }

        @Override public <S> Void visit(Column c, S context) {
            column(c, scope);
            return null;
        }

        @Override public <S> Void visit(AllTableColumns a, S context) {
            if (a.getTable() == null || a.getTable().getName() == null) return null;
            QueryScope.TableRef ref = lookup(SqlLiterals.unquote(a.getTable().getName()), scope);
            if (ref != null) bind(a::setTable, true, ref, scope);
            return null;
        }

        @Override public <S> Void visit(ParenthesedSelect p, S context) {
            select(p.getSelect(), scope);
            return null;
        }

        @Override public <S> Void visit(Select s, S context) {
            select(s, scope);
            return null;
        }

        @Override public <S> Void visit(Function f, S context) {
            if (f.getName() != null && SIMPLE_NAME.matcher(f.getName()).matches()) f.setName(f.getName().toUpperCase(Locale.ROOT));
            return super.visit(f, context);
        }

        @Override public <S> Void visit(SignedExpression e, S context) {
            if (options.maskValues() && (e.getExpression() instanceof LongValue || e.getExpression() instanceof DoubleValue)) {
                replacements.put(e, NormalizationOptions.MASK);
                return null;
            }
            return super.visit(e, context);
        }

        @Override public <S> Void visit(EqualsTo e, S context) { return comparison(e, e.getLeftExpression(), e.getRightExpression(), context); }
        @Override public <S> Void visit(NotEqualsTo e, S context) { return comparison(e, e.getLeftExpression(), e.getRightExpression(), context); }
        @Override public <S> Void visit(GreaterThan e, S context) { return comparison(e, e.getLeftExpression(), e.getRightExpression(), context); }
        @Override public <S> Void visit(GreaterThanEquals e, S context) { return comparison(e, e.getLeftExpression(), e.getRightExpression(), context); }
        @Override public <S> Void visit(MinorThan e, S context) { return comparison(e, e.getLeftExpression(), e.getRightExpression(), context); }
        @Override public <S> Void visit(MinorThanEquals e, S context) { return comparison(e, e.getLeftExpression(), e.getRightExpression(), context); }
        @Override public <S> Void visit(LikeExpression e, S context) { return comparison(e, e.getLeftExpression(), e.getRightExpression(), context); }

        private <S> Void comparison(Expression e, Expression left, Expression right, S context) {
            left.accept(this, context);
            right.accept(this, context);
            if (left instanceof Column c && isLiteral(right)) record(c, right, e);
            else if (right instanceof Column c && isLiteral(left)) record(c, left, e);
            return null;
        }

        private void record(Column c, Expression literal, Expression comparison) {
            var table = columnTables.get(c);
            if (table != null && !replacements.containsKey(c)) {
                table.column(SqlLiterals.unquote(c.getColumnName()))
                        .ifPresent(col -> comparisons.add(new LiteralComparison(table, col.name(), literal, comparison)));
            }
        }

        private static boolean isLiteral(Expression e) {
            return e instanceof StringValue || e instanceof LongValue || e instanceof DoubleValue;
        }

        @Override public <S> Void visit(StringValue v, S context) { return literal(v); }
        @Override public <S> Void visit(LongValue v, S context) { return literal(v); }
        @Override public <S> Void visit(DoubleValue v, S context) { return literal(v); }
        @Override public <S> Void visit(HexValue v, S context) { return literal(v); }
        @Override public <S> Void visit(DateValue v, S context) { return literal(v); }
        @Override public <S> Void visit(TimeValue v, S context) { return literal(v); }
        @Override public <S> Void visit(TimestampValue v, S context) { return literal(v); }

        private Void literal(Object v) {
            if (options.maskValues()) replacements.put(v, NormalizationOptions.MASK);
            return null;
        }
    }

    private void column(Column c, QueryScope s) {
        String raw = c.getColumnName();
        Table q = c.getTable();
        if (q != null && q.getName() != null) {
            QueryScope.TableRef ref = lookup(SqlLiterals.unquote(q.getName()), s);
            if (ref == null) return; // a qualifier we do not know (schema-qualified, misspelt): leave as written
            bind(c::setTable, false, ref, s);
            if (ref.schemaTable != null) columnTables.put(c, ref.schemaTable);
            String spelled = ref.column(SqlLiterals.unquote(raw));
            if (spelled != null) c.setColumnName(SqlLiterals.identifier(spelled));
            return;
        }
        String name = SqlLiterals.unquote(raw);
        String spelled = null;
        boolean found = false;
        for (QueryScope sc = s; sc != null && !found; sc = sc.parent) {
            for (QueryScope.TableRef r : sc.refs) {
                String col = r.column(name);
                if (col != null) {
                    spelled = col;
                    found = true;
                    if (r.schemaTable != null) columnTables.put(c, r.schemaTable);
                    break;
                }
            }
            if (!found) for (String a : sc.outputAliases) if (a.equalsIgnoreCase(name)) { found = true; break; }
        }
        if (SqlLiterals.isDoubleQuoted(raw) && !found) {
            replacements.put(c, options.maskValues() ? NormalizationOptions.MASK : SqlLiterals.string(name));
        } else if (spelled != null) {
            c.setColumnName(SqlLiterals.identifier(spelled));
        } else if (SqlLiterals.isDoubleQuoted(raw)) {
            c.setColumnName(SqlLiterals.identifier(name));
        }
    }

    private static QueryScope.TableRef lookup(String qualifier, QueryScope s) {
        for (QueryScope sc = s; sc != null; sc = sc.parent) {
            QueryScope.TableRef r = sc.find(qualifier);
            if (r != null) return r;
        }
        return null;
    }

    private void bind(Consumer<Table> setQualifier, boolean required, QueryScope.TableRef ref, QueryScope from) {
        bindings.add(new Binding(setQualifier, required, ref, from));
        if (ref.owner != from) {
            ref.referencedFromInner = true;
            for (QueryScope sc = from; sc != null && sc != ref.owner; sc = sc.parent) sc.correlated = true;
        }
    }

    // ---- aliases ----

    private int number(QueryScope s, int next) {
        boolean single = s.refs.size() == 1 && s.refs.getFirst().isTable() && !s.refs.getFirst().referencedFromInner;
        for (QueryScope.TableRef r : s.refs) r.newAlias = single ? null : "T" + next++;
        for (QueryScope child : s.children) number(child, child.correlated ? next : 1);
        return next;
    }

    private void apply() {
        for (QueryScope root : roots) applyScope(root);
        for (Binding b : bindings) {
            QueryScope.TableRef r = b.ref;
            if (r.newAlias != null) b.setQualifier.accept(new Table(r.newAlias));
            else if (b.qualifierRequired || r.owner != b.from) b.setQualifier.accept(new Table(((Table) r.item).getName()));
            else b.setQualifier.accept(null);
        }
    }

    private void applyScope(QueryScope s) {
        for (QueryScope.TableRef r : s.refs) {
            if (r.item instanceof Table t && r.schemaTable != null) t.setName(SqlLiterals.identifier(r.schemaTable.name()));
            r.item.setAlias(r.newAlias == null ? null : new Alias(r.newAlias, true));
        }
        for (QueryScope c : s.children) applyScope(c);
    }
}
