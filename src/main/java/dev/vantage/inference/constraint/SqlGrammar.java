package dev.vantage.inference.constraint;

import dev.vantage.inference.constraint.SchemaNames.NameSet;
import dev.vantage.inference.constraint.SchemaNames.TableInfo;

import java.util.Set;

/**
 * A pushdown automaton over {@link Tok}s that accepts exactly the prefixes of the queries of its
 * grammar (SELECT queries of SQLite as Spider writes them) whose names resolve against one schema.
 *
 * <p>The state ({@link PState}) is a persistent stack of frames, immutable, so beams can share it.
 * A query frame ({@link Q}) holds one SELECT's clause position and its FROM scope; an expression frame
 * ({@link E}) one expression (select item, condition, parenthesis, function arguments, IN list). A
 * frame that meets a token it cannot take is popped and the token offered to the frame below, which
 * is how an expression learns it has ended.
 *
 * <p>Names used before their FROM clause (the select list of {@code SELECT T1.name FROM singer AS T1})
 * are kept as pending references with the id of their query and checked when that query's alias is
 * bound (a qualified one) or when its FROM clause ends (all of them).
 */
final class SqlGrammar {
    // Query-frame phases.
    static final int Q_START = 0, Q_SELECT = 1, Q_ITEM = 2, Q_AFTER_ITEM = 3, Q_ITEM_ALIAS = 4,
            Q_AFTER_ALIAS = 5, Q_TABLE = 6, Q_DERIVED_RP = 7, Q_AFTER_TABLE = 8, Q_TABLE_ALIAS = 9,
            Q_AFTER_BOUND = 10, Q_JOIN_MOD = 11, Q_CLAUSE = 12, Q_GROUP_BY = 13, Q_AFTER_GROUP_ITEM = 14,
            Q_ORDER_BY = 15, Q_AFTER_ORDER_ITEM = 16, Q_AFTER_ORDER_DIR = 17, Q_LIMIT = 18, Q_AFTER_LIMIT = 19,
            Q_LIMIT2 = 20, Q_SETOP = 21, Q_DONE = 22;
    // Clause levels: a clause may only follow one of a lower level. ORDER BY after GROUP BY has its own
    // level (L_ORDER_GROUPED), which allows aggregates.
    static final int L_FROM = 0, L_WHERE = 1, L_GROUP = 2, L_HAVING = 3, L_ORDER = 4, L_ORDER_GROUPED = 5, L_LIMIT = 6;
    // Expression contexts.
    static final int C_ITEM = 0, C_COND = 1, C_GROUP = 2, C_ORDER = 3, C_PAREN = 4, C_FUNC = 5, C_INLIST = 6, C_ON = 7;
    // Expression phases.
    static final int E_OPERAND = 0, E_IDENT = 1, E_QUAL = 2, E_AFTER = 3, E_NOT = 4, E_IN = 5, E_IS = 6,
            E_PAREN_START = 7, E_INLIST_START = 8, E_EXPECT_RP = 9, E_EXISTS = 10;
    static final int F_DISTINCT = 1, F_STAR = 2, F_STAR_ITEM = 4, F_EXISTS = 8;

    static final Set<String> AGGREGATES = Set.of("count", "sum", "avg", "min", "max", "group_concat", "total");
    static final Set<String> SCALARS = Set.of("abs", "length", "lower", "upper", "round", "substr",
            "substring", "instr", "replace", "trim", "ltrim", "rtrim", "coalesce", "ifnull", "nullif", "strftime",
            "date", "time", "datetime", "julianday", "typeof", "iif", "printf", "hex", "random");
    private static final NameSet SCALAR_FUNCTIONS = new NameSet(SCALARS);
    private static final NameSet FUNCTIONS = new NameSet(union(SCALARS, AGGREGATES));
    /** The functions of {@link SqlConstraint.StructureLimits#plainExpressions}: Spider's aggregates. */
    private static final NameSet PLAIN_FUNCTIONS = new NameSet(Set.of("count", "sum", "avg", "min", "max"));
    private static final NameSet NO_FUNCTIONS = new NameSet(Set.of());

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> u = new java.util.HashSet<>(a);
        u.addAll(b);
        return u;
    }

    /** A persistent stack of frames. */
    record Stack(Object head, Stack tail) {}

    /** Names bound in one FROM clause: alias (or table name) to table; a persistent list. */
    record Bind(String name, TableInfo table, Bind next) {
        Bind find(String n) {
            for (Bind b = this; b != null; b = b.next) if (b.name.equals(n)) return b;
            return null;
        }
    }

    /** A column reference not checkable yet: {@code qual.col} (qual null when unqualified) in query {@code qid}. */
    record Pend(int qid, String qual, String col, Pend next) {}

    /** Output aliases of a select list ({@code expr AS name}); a persistent list. */
    record Names(String name, Names next) {
        boolean contains(String n) {
            for (Names x = this; x != null; x = x.next) if (x.name.equals(n)) return true;
            return false;
        }

        boolean anyStartsWith(String p) {
            for (Names x = this; x != null; x = x.next) if (x.name.startsWith(p)) return true;
            return false;
        }
    }

    /**
     * The result columns of one SELECT core: {@code items} not counting {@code *} and {@code X.*}, which
     * are counted once FROM is known; {@code want} the width it must have (the other side of a compound,
     * or 1 for an IN or scalar subquery), -1 for any; {@code width} the width once FROM has ended (-1
     * before, or when unknown because of a derived table); {@code partner} the column of
     * {@code partner IN (SELECT ...)} the one item must match ({@link SchemaNames#sameValues}), or null.
     */
    record Width(int items, boolean starAll, Names starQuals, int want, int width, String partner) {
        static final Width ANY = new Width(0, false, null, -1, -1, null);
        static final Width ONE = new Width(0, false, null, 1, -1, null);
    }

    /** One SELECT (and the cores of a compound after it). */
    record Q(int id, boolean sub, int phase, Bind binds, boolean open, boolean fromDone, int level,
             TableInfo cur, boolean joinOn, Names outAliases, Width w) {
        Q phase(int p) {
            return new Q(id, sub, p, binds, open, fromDone, level, cur, joinOn, outAliases, w);
        }

        Q width(Width nw) {
            return new Q(id, sub, phase, binds, open, fromDone, level, cur, joinOn, outAliases, nw);
        }
    }

    /**
     * The column on the left of an ON comparison, {@code qual.col}, while its right side is read; plain,
     * also of a WHERE or HAVING comparison (qual null when unqualified), for an IN subquery's column.
     */
    record OnLeft(String qual, String col) {}

    /**
     * One expression; {@code word} is the pending name in E_IDENT or the qualifier in E_QUAL;
     * {@code noAgg} where aggregates are misused (WHERE, ON, GROUP BY, inside an aggregate);
     * {@code compared} once the current condition has its comparison (=, LIKE, IN, IS, BETWEEN, ...).
     */
    record E(int ctx, int phase, String word, boolean quoted, boolean between, int flags, boolean noAgg, boolean compared,
             int conditions, OnLeft onLeft) {
        /** The first condition of a list (or an expression that is none). */
        E(int ctx, int phase, String word, boolean quoted, boolean between, int flags, boolean noAgg, boolean compared) {
            this(ctx, phase, word, quoted, between, flags, noAgg, compared, 1, null);
        }

        E(int ctx, int phase, String word, boolean quoted, boolean between, int flags, boolean noAgg, boolean compared, int conditions) {
            this(ctx, phase, word, quoted, between, flags, noAgg, compared, conditions, null);
        }

        E phase(int p) {
            return new E(ctx, p, word, quoted, between, flags, noAgg, compared, conditions, onLeft);
        }

        E phase(int p, int f) {
            return new E(ctx, p, word, quoted, between, f, noAgg, compared, conditions, onLeft);
        }

        /** The next phase of a condition that now has its comparison. */
        E compare(int p) {
            return new E(ctx, p, word, quoted, between, flags, noAgg, true, conditions, onLeft);
        }

        /** A new operand of a function or IN list (after a comma): no comparison yet. */
        E nextArgument() {
            return new E(ctx, E_OPERAND, word, quoted, between, 0, noAgg, false, conditions);
        }

        /** The next condition of the list, after AND or OR ({@code compared} when the AND was a BETWEEN's). */
        E nextCondition(boolean compared) {
            return new E(ctx, E_OPERAND, null, false, false, 0, noAgg, compared, compared ? conditions : conditions + 1);
        }
    }

    /** Parser state: the stack, the pending references and the next query id. */
    record PState(Stack stack, Pend pending, int nextId) {}

    /** The state after a complete query was accepted with its end. */
    static final PState ENDED = new PState(null, null, -1);
    /** Result of a successful partial-word probe. */
    private static final Stack ACCEPTED = new Stack(null, null);

    private final SchemaNames schema;
    private final boolean strictAliases;
    private final SqlConstraint.StructureLimits limits;
    private final boolean plain;

    SqlGrammar(SchemaNames schema, boolean strictAliases, SqlConstraint.StructureLimits limits) {
        this.schema = schema;
        this.strictAliases = strictAliases;
        this.limits = limits;
        this.plain = limits.plainExpressions();
    }

    PState initial() {
        return new PState(new Stack(new Q(0, false, Q_START, null, true, false, L_FROM, null, false, null, Width.ANY), null),
                null, 1);
    }

    /** Mutable scratch of one feed: pending list and id counter being built, and the loop's flags. */
    private static final class Run {
        Pend pending;
        int nextId;
        boolean again;
        boolean ended;

        Run(PState p) {
            pending = p.pending;
            nextId = p.nextId;
        }
    }

    /** The state after token t, or null when t cannot follow. For EOF, {@link #ENDED} or null. */
    PState feed(PState p, Tok t) {
        Run r = new Run(p);
        Stack s = step(r, p.stack, t);
        if (s == null) return null;
        if (r.ended) return ENDED;
        return new PState(s, r.pending, r.nextId);
    }

    /** Whether the next word is the name of a table bound in FROM (after FROM, JOIN or a comma there). */
    static boolean expectsTable(PState p) {
        return p.stack != null && p.stack.head instanceof Q q && q.phase == Q_TABLE;
    }

    /**
     * Whether the next word may be a column: where an expression's operand starts (a select item, a
     * condition, GROUP BY, ORDER BY, a function argument) or after a qualifier's dot. A qualifier or a
     * function name may stand there too; the caller tells them apart by name.
     */
    static boolean expectsColumn(PState p) {
        if (p.stack == null) return false;
        if (p.stack.head instanceof Q q) return q.phase == Q_SELECT || q.phase == Q_ITEM;
        E e = (E) p.stack.head;
        return e.phase == E_OPERAND || e.phase == E_QUAL;
    }

    /** Whether the next word may be the column on the left of a WHERE or HAVING comparison. */
    static boolean expectsConditionColumn(PState p) {
        return p.stack != null && p.stack.head instanceof E e && e.ctx == C_COND && !e.compared
                && (e.phase == E_OPERAND || e.phase == E_QUAL);
    }

    /** Whether some word starting with {@code lowerPrefix} can follow. */
    boolean acceptsWordPrefix(PState p, String lowerPrefix, boolean quoted) {
        Run r = new Run(p);
        return step(r, p.stack, Tok.word(lowerPrefix, true, quoted)) != null;
    }

    private Stack step(Run r, Stack s, Tok t) {
        while (true) {
            if (s == null) return null;
            r.again = false;
            Stack next = s.head instanceof Q q ? stepQ(r, q, s.tail, t) : stepE(r, (E) s.head, s, t);
            if (next == null || next == ACCEPTED || r.ended) return next;
            if (!r.again) return next;
            s = next;
        }
    }

    private static Stack push(Stack below, Object f) {
        return new Stack(f, below);
    }

    private Stack again(Run r, Stack s) {
        r.again = true;
        return s;
    }

    private static Stack accepted() {
        return ACCEPTED;
    }

    // ---------------------------------------------------------------- query frames

    private Stack stepQ(Run r, Q q, Stack below, Tok t) {
        switch (q.phase) {
            case Q_START -> {
                if (t.is(Tok.SELECT)) return t.prefix ? accepted() : push(below, q.phase(Q_SELECT));
                return null;
            }
            case Q_SETOP -> {
                if (t.is(Tok.ALL)) return t.prefix ? accepted() : push(below, q.phase(Q_START));
                if (t.is(Tok.SELECT)) return t.prefix ? accepted() : push(below, q.phase(Q_SELECT));
                return null;
            }
            case Q_SELECT -> {
                if (t.is(Tok.DISTINCT) || t.is(Tok.ALL)) {
                    if (t.prefix) return accepted();
                    return push(below, q.phase(Q_ITEM));
                }
                return again(r, push(below, q.phase(Q_ITEM)));
            }
            case Q_ITEM -> {
                Width w = q.w;
                if (t.type == Tok.STAR) {
                    return push(below, q.phase(Q_AFTER_ITEM).width(new Width(w.items(), true, w.starQuals(), w.want(), -1, w.partner())));
                }
                Q nq = q.phase(Q_AFTER_ITEM).width(new Width(w.items() + 1, w.starAll(), w.starQuals(), w.want(), -1, w.partner()));
                return again(r, push(push(below, nq), new E(C_ITEM, E_OPERAND, null, false, false, 0, false, false)));
            }
            case Q_AFTER_ITEM, Q_AFTER_ALIAS -> {
                if (q.phase == Q_AFTER_ITEM && t.is(Tok.AS)) return t.prefix ? accepted() : push(below, q.phase(Q_ITEM_ALIAS));
                if (t.type == Tok.COMMA) return tooWide(q.w, 1) ? null : push(below, q.phase(Q_ITEM));
                if (t.is(Tok.FROM)) {
                    // without a *, the width of the result is known here
                    Width w = q.w;
                    if (w.want() >= 0 && !w.starAll() && w.starQuals() == null && w.items() != w.want()) return null;
                    if (t.prefix) return accepted();
                    return push(below, new Q(q.id, q.sub, Q_TABLE, null, false, false, L_FROM, null, false, q.outAliases, q.w));
                }
                return null;
            }
            case Q_ITEM_ALIAS -> {
                if (!t.isName()) return null;
                if (t.prefix) return accepted();
                return push(below, new Q(q.id, q.sub, Q_AFTER_ALIAS, q.binds, q.open, q.fromDone, q.level, q.cur,
                        q.joinOn, new Names(t.w, q.outAliases), q.w));
            }
            case Q_TABLE -> {
                if (t.type == Tok.LP) {
                    // plain: no subquery in FROM. Spider's gold has 11 in 8,034 queries (SELECT COUNT(*) FROM (...));
                    // the model's were loops: 101 of the 158 answers that failed to run
                    if (plain || !mayNest(below, 1)) return null;
                    int id = r.nextId++;
                    return push(push(below, q.phase(Q_DERIVED_RP)), newSub(id, Width.ANY));
                }
                if (!t.isName()) return null;
                if (t.prefix) return tablePrefixOk(q, t.w) ? accepted() : null;
                TableInfo ti = schema.tables.get(t.w);
                if (ti == null || !mayBind(q, ti) || !joinable(q, ti)) return null;
                return push(below, new Q(q.id, q.sub, Q_AFTER_TABLE, q.binds, q.open, q.fromDone, q.level, ti,
                        q.joinOn, q.outAliases, q.w));
            }
            case Q_DERIVED_RP -> {
                if (t.type != Tok.RP) return null;
                return push(below, new Q(q.id, q.sub, Q_AFTER_TABLE, q.binds, q.open, q.fromDone, q.level,
                        schema.derived, q.joinOn, q.outAliases, q.w));
            }
            case Q_AFTER_TABLE -> {
                if (t.is(Tok.AS)) {
                    if (q.cur != schema.derived && !aliasCompletes(r, q, "t")) return null;   // no alias could follow
                    return t.prefix ? accepted() : push(below, q.phase(Q_TABLE_ALIAS));
                }
                if (t.isName()) {
                    if (t.prefix) {
                        if (aliasCompletes(r, q, t.w)) return accepted();
                        // else it may still be a keyword: fall through to the default binding
                    } else {
                        if (!aliasOk(t.w)) return null;
                        Q b = bind(r, q, t.w);
                        return b == null ? null : push(below, b);
                    }
                }
                Q b = bind(r, q, q.cur == schema.derived ? "" : q.cur.name);
                if (b == null) return null;
                return again(r, push(below, b));
            }
            case Q_TABLE_ALIAS -> {
                if (!t.isName()) return null;
                if (t.prefix) return aliasCompletes(r, q, t.w) ? accepted() : null;
                if (!aliasOk(t.w)) return null;
                Q b = bind(r, q, t.w);
                return b == null ? null : push(below, b);
            }
            case Q_AFTER_BOUND -> {
                if (q.joinOn && t.is(Tok.ON)) {
                    if (t.prefix) return accepted();
                    return push(push(below, withJoin(q, Q_AFTER_BOUND, false)), new E(C_ON, E_OPERAND, null, false, false, 0, true, false));
                }
                if (plain && q.joinOn) return null;   // plain: every JOIN has its ON
                boolean room = mayJoin(q);
                if (room && t.is(Tok.JOIN)) return t.prefix ? accepted() : push(below, withJoin(q, Q_TABLE, true));
                // plain: JOIN only (Spider's gold has no comma, INNER, CROSS or LEFT joins)
                if (!plain && room && (t.is(Tok.INNER) || t.is(Tok.CROSS) || t.is(Tok.LEFT))) {
                    if (t.prefix) return accepted();
                    return push(below, q.phase(Q_JOIN_MOD));
                }
                if (!plain && room && t.type == Tok.COMMA) return push(below, withJoin(q, Q_TABLE, false));
                return clause(r, q, below, t);
            }
            case Q_JOIN_MOD -> {
                if (t.is(Tok.OUTER)) return t.prefix ? accepted() : push(below, q);
                if (t.is(Tok.JOIN)) return t.prefix ? accepted() : push(below, withJoin(q, Q_TABLE, true));
                return null;
            }
            case Q_CLAUSE -> {
                return clause(r, q, below, t);
            }
            case Q_GROUP_BY, Q_ORDER_BY -> {
                if (!t.is(Tok.BY)) return null;
                if (t.prefix) return accepted();
                boolean group = q.phase == Q_GROUP_BY;
                return push(push(below, q.phase(group ? Q_AFTER_GROUP_ITEM : Q_AFTER_ORDER_ITEM)),
                        new E(group ? C_GROUP : C_ORDER, E_OPERAND, null, false, false, 0, group || orderNoAgg(q), false));
            }
            case Q_AFTER_GROUP_ITEM -> {
                if (t.type == Tok.COMMA) return push(push(below, q), new E(C_GROUP, E_OPERAND, null, false, false, 0, true, false));
                return clause(r, q, below, t);
            }
            case Q_AFTER_ORDER_ITEM, Q_AFTER_ORDER_DIR -> {
                if (q.phase == Q_AFTER_ORDER_ITEM && (t.is(Tok.ASC) || t.is(Tok.DESC))) {
                    return t.prefix ? accepted() : push(below, q.phase(Q_AFTER_ORDER_DIR));
                }
                if (t.type == Tok.COMMA) {
                    return push(push(below, q.phase(Q_AFTER_ORDER_ITEM)), new E(C_ORDER, E_OPERAND, null, false, false, 0, orderNoAgg(q), false));
                }
                return clause(r, q, below, t);
            }
            case Q_LIMIT -> {
                return t.type == Tok.NUM ? push(below, q.phase(Q_AFTER_LIMIT)) : null;
            }
            case Q_AFTER_LIMIT -> {
                if (t.is(Tok.OFFSET)) return t.prefix ? accepted() : push(below, q.phase(Q_LIMIT2));
                if (t.type == Tok.COMMA) return push(below, q.phase(Q_LIMIT2));
                return clause(r, q, below, t);
            }
            case Q_LIMIT2 -> {
                return t.type == Tok.NUM ? push(below, q.phase(Q_CLAUSE)) : null;
            }
            case Q_DONE -> {
                if (t.type == Tok.EOF) {
                    r.ended = true;
                    return ACCEPTED;
                }
                return null;
            }
            default -> throw new IllegalStateException("query phase " + q.phase);
        }
    }

    /** Whether a query nested in the queries of {@code s} (plus {@code more} not on it) stays within the depth limit. */
    private boolean mayNest(Stack s, int more) {
        if (limits.depth() <= 0) return true;
        int queries = more;
        for (Stack x = s; x != null; x = x.tail) if (x.head instanceof Q) queries++;
        return queries < limits.depth();
    }

    /** Whether a condition may take a comparison: one per condition when the limits say so. */
    private boolean mayCompare(E e) {
        return !limits.oneComparison() || !e.compared;
    }

    /**
     * Plain: ORDER BY takes an aggregate only after GROUP BY, as Spider's gold does
     * ({@code GROUP BY x ORDER BY COUNT(*)}). Without it SQLite refuses {@code ORDER BY MAX(Maker)}
     * under a plain select list (misuse of aggregate), and the model wrote that 16 times on dev.
     */
    private boolean orderNoAgg(Q q) {
        return plain && q.level == L_ORDER;
    }

    /** Whether a list of conditions (WHERE, HAVING, ON, parentheses) may take one more. */
    private boolean mayAddCondition(E e) {
        int max = plain && e.ctx == C_ON ? ON_CONDITIONS : limits.conditions();
        return max <= 0 || e.conditions < max;
    }

    /** Plain: conditions of one ON clause (Spider's gold joins on at most two pairs of columns). */
    private static final int ON_CONDITIONS = 2;

    /** Whether q's FROM clause may take one more table. */
    private boolean mayJoin(Q q) {
        if (limits.tables() <= 0) return true;
        int bound = 0;
        for (Bind b = q.binds; b != null; b = b.next) bound++;
        return bound < limits.tables();
    }

    /** Whether table t may be bound once more in q's FROM clause. */
    private boolean mayBind(Q q, TableInfo t) {
        if (limits.tableUses() <= 0) return true;
        int uses = 0;
        for (Bind b = q.binds; b != null; b = b.next) if (b.table == t) uses++;
        return uses < limits.tableUses();
    }

    /** Plain: a table after JOIN must join some table bound before it (its ON names the two). */
    private boolean joinable(Q q, TableInfo t) {
        if (!plain || !q.joinOn) return true;
        for (Bind b = q.binds; b != null; b = b.next) if (schema.tablesJoin(b.table.name, t.name)) return true;
        return false;
    }

    /** Whether some table that q may still bind (and join) starts with p. */
    private boolean tablePrefixOk(Q q, String p) {
        if (limits.tableUses() <= 0 && (!plain || !q.joinOn)) return schema.tableNames.anyStartsWith(p);
        for (String name : schema.tableNames.withPrefix(p)) {
            TableInfo t = schema.tables.get(name);
            if (mayBind(q, t) && joinable(q, t)) return true;
        }
        return false;
    }

    private static Q newSub(int id, Width w) {
        return new Q(id, true, Q_START, null, true, false, L_FROM, null, false, null, w);
    }

    private static Q withJoin(Q q, int phase, boolean joinOn) {
        return new Q(q.id, q.sub, phase, q.binds, q.open, q.fromDone, q.level, q.cur, joinOn, q.outAliases, q.w);
    }

    private static Q withLevel(Q q, int phase, int level) {
        return new Q(q.id, q.sub, phase, q.binds, q.open, q.fromDone, level, q.cur, q.joinOn, q.outAliases, q.w);
    }

    /**
     * Whether an alias starting with p can bind {@code q.cur}. With aliases T1 to T{maxAlias} each is
     * tried, so a prefix none of them completes (T2 already bound, or lacking a column the select
     * list asked of T2) is refused at once rather than left as a dead end.
     */
    private boolean aliasCompletes(Run r, Q q, String p) {
        if (!aliasPrefixOk(p)) return false;
        if (!strictAliases || limits.maxAlias() <= 0) return true;
        for (int n = 1; n <= limits.maxAlias(); n++) {
            String a = "t" + n;
            if (a.startsWith(p) && bindable(r, q, a)) return true;
        }
        return false;
    }

    /**
     * Whether name is free in q's FROM clause, has every column the pending references ask of it, and
     * leaves the other pending qualifiers a table to bind later ({@link #othersStillBindable}).
     */
    private boolean bindable(Run r, Q q, String name) {
        if (q.binds != null && q.binds.find(name) != null) return false;
        if (!name.isEmpty()) {
            for (Pend p = r.pending; p != null; p = p.next) {
                if (p.qid == q.id && name.equals(p.qual) && !hasColumn(q.cur, p.col)) return false;
            }
        }
        return othersStillBindable(r, q, name);
    }

    /**
     * Whether, once {@code q.cur} is bound under {@code name}, every other qualifier the select list
     * used before this FROM clause ({@code T2} of {@code SELECT T2.LName FROM ...}) can still be bound:
     * the clause has room for another table, and some table it may still bind has all the columns
     * asked of that qualifier (a table's own name only that table). Without this, decoding went on
     * joining table after table for a qualifier no table left could take, until none was left: 57 of
     * the 123 Spider dev answers that failed to run. A subquery in FROM may take any alias.
     */
    private boolean othersStillBindable(Run r, Q q, String name) {
        boolean waiting = false;     // the common case, nothing waits: no allocation on this hot path
        for (Pend p = r.pending; p != null && !waiting; p = p.next) waiting = p.qid == q.id && p.qual != null && !p.qual.equals(name);
        if (!waiting) return true;
        java.util.List<String> quals = new java.util.ArrayList<>(2);
        for (Pend p = r.pending; p != null; p = p.next) {
            if (p.qid != q.id || p.qual == null || p.qual.equals(name) || quals.contains(p.qual)
                    || (q.binds != null && q.binds.find(p.qual) != null)) continue;
            boolean ownName = tableNameQualifier(p.qual);
            if (plain || ownName) quals.add(p.qual);
        }
        if (quals.isEmpty()) return true;
        int bound = 1;
        for (Bind b = q.binds; b != null; b = b.next) bound++;
        if (limits.tables() > 0 && bound + quals.size() > limits.tables()) return false;
        java.util.Map<TableInfo, Integer> uses = new java.util.HashMap<>();
        if (q.cur != null) uses.merge(q.cur, 1, Integer::sum);
        for (Bind b = q.binds; b != null; b = b.next) uses.merge(b.table, 1, Integer::sum);
        return assignable(r, q, quals, 0, uses);
    }

    /** Whether quals[i..] can each take a distinct binding of a table with their columns (a small backtracking match). */
    private boolean assignable(Run r, Q q, java.util.List<String> quals, int i, java.util.Map<TableInfo, Integer> uses) {
        if (i == quals.size()) return true;
        String qual = quals.get(i);
        boolean ownName = tableNameQualifier(qual);
        for (TableInfo t : schema.tables.values()) {
            if (ownName && !t.name.equals(qual)) continue;
            int u = uses.getOrDefault(t, 0);
            if ((limits.tableUses() > 0 && u >= limits.tableUses()) || !hasColumns(r, q, qual, t)) continue;
            uses.put(t, u + 1);
            boolean ok = assignable(r, q, quals, i + 1, uses);
            uses.put(t, u);
            if (ok) return true;
        }
        return false;
    }

    /** Whether qual is a table's own name (not an alias): only that table, bound without alias, can take it. */
    private boolean tableNameQualifier(String qual) {
        return schema.tables.containsKey(qual) && !aliasOk(qual);
    }

    /** Whether t has every column the pending references of q ask of qual. */
    private static boolean hasColumns(Run r, Q q, String qual, TableInfo t) {
        for (Pend p = r.pending; p != null; p = p.next) {
            if (p.qid == q.id && qual.equals(p.qual) && !hasColumn(t, p.col)) return false;
        }
        return true;
    }

    /** Binds {@code q.cur} under {@code name}; checks the pending qualified references to that name. */
    private Q bind(Run r, Q q, String name) {
        if (!bindable(r, q, name)) return null;
        return new Q(q.id, q.sub, Q_AFTER_BOUND, new Bind(name, q.cur, q.binds), q.open, q.fromDone, q.level, null,
                q.joinOn, q.outAliases, q.w);
    }

    /** What may follow a complete FROM clause or a later clause: the next clause, a set operation, the end. */
    private Stack clause(Run r, Q q, Stack below, Tok t) {
        if (!q.fromDone) {
            q = completeFrom(r, q, below);
            if (q == null) return null;
        }
        if (t.type == Tok.WORD) {
            if (q.level < L_WHERE && t.is(Tok.WHERE)) {
                if (t.prefix) return accepted();
                return push(push(below, withLevel(q, Q_CLAUSE, L_WHERE)), new E(C_COND, E_OPERAND, null, false, false, 0, true, false));
            }
            if (q.level < L_GROUP && t.is(Tok.GROUP)) return t.prefix ? accepted() : push(below, withLevel(q, Q_GROUP_BY, L_GROUP));
            if (q.level == L_GROUP && t.is(Tok.HAVING)) {
                if (t.prefix) return accepted();
                return push(push(below, withLevel(q, Q_CLAUSE, L_HAVING)), new E(C_COND, E_OPERAND, null, false, false, 0, false, false));
            }
            if (q.level < L_ORDER && t.is(Tok.ORDER)) {
                if (t.prefix) return accepted();
                boolean grouped = q.level == L_GROUP || q.level == L_HAVING;
                return push(below, withLevel(q, Q_ORDER_BY, grouped ? L_ORDER_GROUPED : L_ORDER));
            }
            if (q.level < L_LIMIT && t.is(Tok.LIMIT)) return t.prefix ? accepted() : push(below, withLevel(q, Q_LIMIT, L_LIMIT));
            // SQLite: ORDER BY and LIMIT of a compound come after its last SELECT only
            if (q.level < L_ORDER && (t.is(Tok.UNION) || t.is(Tok.INTERSECT) || t.is(Tok.EXCEPT))) {
                if (t.prefix) return accepted();
                int id = r.nextId++;
                Width left = new Width(0, false, null, q.w.width() >= 0 ? q.w.width() : q.w.want(), -1, q.w.partner());
                Q core = new Q(id, q.sub, t.kw == Tok.UNION ? Q_SETOP : Q_START, null, true, false, L_FROM, null, false, null, left);
                return push(below, core);
            }
            return null;
        }
        switch (t.type) {
            case Tok.RP -> {
                return q.sub ? again(r, below) : null;
            }
            case Tok.EOF -> {
                if (q.sub) return null;
                r.ended = true;
                return ACCEPTED;
            }
            case Tok.SEMI -> {
                return q.sub ? null : push(below, q.phase(Q_DONE));
            }
            default -> {
                return null;
            }
        }
    }

    /** The FROM clause of q is complete: every pending reference of q must resolve now. */
    private Q completeFrom(Run r, Q q, Stack below) {
        boolean any = false;
        for (Pend p = r.pending; p != null && !any; p = p.next) any = p.qid == q.id;
        if (any) {
            Pend pend = r.pending;
            Pend keep = null;
            for (Pend p = pend; p != null; p = p.next) {
                if (p.qid != q.id) keep = new Pend(p.qid, p.qual, p.col, keep);  // order does not matter
            }
            r.pending = keep;
            for (Pend p = pend; p != null; p = p.next) {
                if (p.qid != q.id) continue;
                int here = resolveHere(q, p.qual, p.col);
                if (here == REFUSED) return null;
                if (here == NOT_HERE && (plain || !resolve(r, below, p.qual, p.col, true))) return null;
            }
        }
        int width = resultWidth(q);
        if (width >= 0 && q.w.want() >= 0 && width != q.w.want()) return null;
        Width w = new Width(q.w.items(), q.w.starAll(), q.w.starQuals(), q.w.want(), width, q.w.partner());
        return new Q(q.id, q.sub, q.phase, q.binds, false, true, q.level, q.cur, q.joinOn, q.outAliases, w);
    }

    /** Whether {@code more} further columns would exceed the width the result must have (each * is at least one column). */
    private static boolean tooWide(Width w, int more) {
        if (w.want() < 0) return false;
        int least = w.items() + (w.starAll() ? 1 : 0) + more;
        for (Names x = w.starQuals(); x != null; x = x.next) least++;
        return least > w.want();
    }

    /** The number of result columns of q's core once its FROM is known; -1 when a derived table makes it unknown. */
    private static int resultWidth(Q q) {
        int width = q.w.items();
        if (q.w.starAll()) {
            for (Bind b = q.binds; b != null; b = b.next) {
                if (b.table.name.isEmpty()) return -1;
                width += b.table.columns.size();
            }
        }
        for (Names x = q.w.starQuals(); x != null; x = x.next) {
            Bind b = q.binds == null ? null : q.binds.find(x.name);
            if (b == null || b.table.name.isEmpty()) return -1;
            width += b.table.columns.size();
        }
        return width;
    }

    // ---------------------------------------------------------------- names

    static final int FOUND = 1, NOT_HERE = 0, REFUSED = -1;

    /**
     * {@code qual.col} (or unqualified col) against q's bindings: FOUND; NOT_HERE (look in the enclosing
     * query); REFUSED when the innermost binding decides against it (its table lacks the column, or the
     * name is ambiguous), as SQLite never looks further out then.
     */
    private static int resolveHere(Q q, String qual, String col) {
        if (qual != null) {
            Bind b = q.binds == null ? null : q.binds.find(qual);
            if (b == null) return NOT_HERE;
            return hasColumn(b.table, col) ? FOUND : REFUSED;
        }
        int found = unqualifiedMatches(q, col);
        if (found == AMBIGUOUS) return REFUSED;
        if (found == 1 || (q.outAliases != null && q.outAliases.contains(col))) return FOUND;
        return NOT_HERE;
    }

    static final int AMBIGUOUS = 2;

    /**
     * 0 when no table of q's scope has the column, 1 when one has, {@link #AMBIGUOUS} when two schema
     * tables have it (SQLite's "ambiguous column name"). Derived tables are assumed to have every column
     * and never make a name ambiguous.
     */
    private static int unqualifiedMatches(Q q, String col) {
        int real = 0;
        boolean derived = false;
        for (Bind b = q.binds; b != null; b = b.next) {
            if (!b.table.columns.contains(col)) continue;
            if (b.table.name.isEmpty()) derived = true;
            else real++;
        }
        if (real > 1) return AMBIGUOUS;
        return real == 1 || derived ? 1 : 0;
    }

    /**
     * Resolves a column reference against the query frames of stack s, innermost first. A query whose
     * select list is being read (open) takes it as pending when the column exists in the schema.
     * With {@code record} false nothing is recorded (a probe).
     */
    private boolean resolve(Run r, Stack s, String qual, String col, boolean record) {
        for (Stack x = s; x != null; x = x.tail) {
            if (!(x.head instanceof Q q)) continue;
            if (q.open) {
                if (!schema.allColumns.contains(col) && !ALL_COLUMNS.equals(col)
                        && !(qual == null && q.outAliases != null && q.outAliases.contains(col))) return false;
                if (qual != null && !qualifierPlausible(qual)) return false;
                if (qual != null && !someTableTakes(r, q, qual, col, false)) return false;
                if (record) r.pending = new Pend(q.id, qual, col, r.pending);
                return true;
            }
            int here = resolveHere(q, qual, col);
            if (here != NOT_HERE) return here == FOUND;
            // plain: no correlated reference to an outer query (gold has 2 in 8,034 queries; the model's
            // `(SELECT MIN(Year) FROM stadium)` took concert's Year and SQLite refused the aggregate)
            if (plain && q.fromDone) return false;
            if (!q.fromDone) {
                // an ON condition may name a table joined later (SQLite accepts it): check when FROM ends
                if ((!schema.allColumns.contains(col) && !ALL_COLUMNS.equals(col)) || (qual != null && !qualifierPlausible(qual))) return false;
                if (qual != null && !someTableTakes(r, q, qual, col, false)) return false;
                if (record) r.pending = new Pend(q.id, qual, col, r.pending);
                return true;
            }
        }
        return false;
    }

    /** The column name of {@code T1.*}. */
    private static final String ALL_COLUMNS = "*";

    private static boolean hasColumn(TableInfo t, String col) {
        return ALL_COLUMNS.equals(col) || t.columns.contains(col);
    }

    /**
     * Plain: the column an IN subquery's select item must match, where e is that item, or null. An
     * aggregate's argument is not held to it (hr_1's {@code SALARY IN (SELECT MIN(SALARY) ...)}).
     */
    private static String partner(E e, Stack below) {
        return e.ctx == C_ITEM && below.head instanceof Q q ? q.w.partner() : null;
    }

    /** Whether some column that matches the partner starts with p. */
    private boolean partnerPrefix(String partner, String p) {
        for (String c : schema.allColumns.withPrefix(p)) if (schema.sameValues(partner, c)) return true;
        return false;
    }

    /** An IN subquery's item being typed: a matching column, or a qualifier for one. */
    private boolean partnerPrefixOk(Stack s, String partner, String p) {
        return (partnerPrefix(partner, p) && namePrefixOk(s, p)) || aliasPrefixOk(p) || schema.tableNames.anyStartsWith(p);
    }

    /** Whether {@code qual} can stand before a dot: bound in some scope, or an open scope may still bind it. */
    private boolean qualifierOk(Stack s, String qual) {
        for (Stack x = s; x != null; x = x.tail) {
            if (!(x.head instanceof Q q)) continue;
            if (q.binds != null && q.binds.find(qual) != null) return true;
            if (!q.fromDone) return qualifierPlausible(qual);
        }
        return false;
    }

    /** The binds of the innermost query (where an ON condition's names live). */
    private static Bind innerBinds(Stack s) {
        for (Stack x = s; x != null; x = x.tail) if (x.head instanceof Q q) return q.binds;
        return null;
    }

    /**
     * Plain ON: whether {@code name} (or, as a prefix, a name starting with it) is an alias bound in
     * this FROM clause that can take part. Each condition names the table just joined (the head of
     * the binds), as every ON condition of Spider's dev gold does (3,702 of 3,724 train, the rest
     * JOINs that share one ON): on the left that table or one it joins ({@link #joinable} saw to one);
     * on the right another alias whose table joins the left column, the new table's if the left was not.
     */
    private boolean joinQualifierOk(Stack s, String name, OnLeft left, boolean prefix) {
        Bind binds = innerBinds(s);
        Bind newest = binds;
        Bind leftBind = left == null ? null : binds.find(left.qual());
        for (Bind b = binds; b != null; b = b.next) {
            if (!(prefix ? b.name.startsWith(name) : b.name.equals(name)) || b == leftBind) continue;
            if (left == null) {
                if (b == newest || schema.tablesJoin(b.table.name, newest.table.name)) return true;
            } else if ((leftBind == newest || b == newest) && schema.columnJoins(leftBind.table.name, left.col(), b.table.name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Plain ON: whether column {@code col} (or a prefix of one) of qual's table can join: on the left
     * the new table's column joins another bound table, another's the new table; on the right the left column.
     */
    private boolean joinColumnOk(Stack s, String qual, String col, OnLeft left, boolean prefix) {
        Bind binds = innerBinds(s);
        Bind b = binds == null ? null : binds.find(qual);
        if (b == null) return false;
        Bind newest = binds;
        Bind lb = left == null ? null : binds.find(left.qual());
        for (String c : prefix ? b.table.columns.withPrefix(col) : java.util.List.of(col)) {
            if (lb != null && schema.joins(lb.table.name, left.col(), b.table.name, c)) return true;
            if (left == null && b != newest && schema.columnJoins(b.table.name, c, newest.table.name)) return true;
            if (left == null && b == newest)
                for (Bind o = binds; o != null; o = o.next) if (o != b && schema.columnJoins(b.table.name, c, o.table.name)) return true;
        }
        return false;
    }

    private boolean qualifierPlausible(String qual) {
        return strictAliases ? aliasOk(qual) || schema.tables.containsKey(qual) : !Tok.isReserved(qual);
    }

    /** Whether some name that can begin an operand (column, qualifier, alias of the select list) starts with p. */
    private boolean namePrefixOk(Stack s, String p) {
        for (Stack x = s; x != null; x = x.tail) {
            if (!(x.head instanceof Q q)) continue;
            if (q.outAliases != null && q.outAliases.anyStartsWith(p)) return true;
            for (Bind b = q.binds; b != null; b = b.next) {
                if (b.name.startsWith(p)) return true;
                if (!b.table.columns.anyStartsWith(p)) continue;
                if (b.table.name.isEmpty()) return true;
                // a column already ambiguous in this scope is no completion (later joins cannot undo that)
                for (String c : b.table.columns.withPrefix(p)) if (unqualifiedMatches(q, c) == 1) return true;
            }
            if (!q.fromDone) {
                // the select list, or ON: a qualifier or a column of a table still to be joined
                if (aliasPrefixOk(p) || schema.tableNames.anyStartsWith(p)) return true;
                for (String c : schema.allColumns.withPrefix(p)) if (unqualifiedMatches(q, c) != AMBIGUOUS) return true;
                return false;
            }
        }
        return false;
    }

    /** Whether some column of the table bound to qual (in the innermost scope binding it) starts with p. */
    private boolean qualifiedPrefixOk(Run r, Stack s, String qual, String p) {
        for (Stack x = s; x != null; x = x.tail) {
            if (!(x.head instanceof Q q)) continue;
            Bind b = q.binds == null ? null : q.binds.find(qual);
            if (b != null) return b.table.columns.anyStartsWith(p);
            if (!q.fromDone) return schema.allColumns.anyStartsWith(p) && someTableTakes(r, q, qual, p, true);
        }
        return false;
    }

    /**
     * Plain: whether some table of the schema has column {@code col} (with {@code prefix}, a column
     * starting with it) and every column q's pending references already ask of {@code qual}; a
     * table's own name as the qualifier, only that table. {@code SELECT T1.Name, T1.Theme} where no
     * table has both would leave FROM nothing to bind T1 to. Without plain expressions a subquery in
     * FROM may have any column.
     */
    private boolean someTableTakes(Run r, Q q, String qual, String col, boolean prefix) {
        if (!plain) return true;
        boolean ownName = tableNameQualifier(qual);
        for (TableInfo t : schema.tables.values()) {
            if (ownName && !t.name.equals(qual)) continue;
            boolean has = ALL_COLUMNS.equals(col) || (prefix ? t.columns.anyStartsWith(col) : t.columns.contains(col));
            if (has && hasColumns(r, q, qual, t)) return true;
        }
        return false;
    }

    private boolean aliasOk(String w) {
        return !strictAliases || (isTn(w) && aliasNumberOk(w));
    }

    /** T1 to T{maxAlias} when the limits bound it: the model otherwise ran on into T225182. */
    private boolean aliasNumberOk(String tn) {
        if (limits.maxAlias() <= 0 || tn.length() == 1) return true;
        return tn.charAt(1) != '0' && tn.length() <= 4 && Integer.parseInt(tn, 1, tn.length(), 10) <= limits.maxAlias();
    }

    private boolean aliasPrefixOk(String p) {
        if (!strictAliases) return true;
        if (p.isEmpty() || p.charAt(0) != 't') return false;
        for (int i = 1; i < p.length(); i++) if (p.charAt(i) < '0' || p.charAt(i) > '9') return false;
        return aliasNumberOk(p);    // a longer number would only be larger
    }

    /** T1, T2, ... in lower case. */
    private static boolean isTn(String w) {
        if (w.length() < 2 || w.charAt(0) != 't') return false;
        for (int i = 1; i < w.length(); i++) if (w.charAt(i) < '0' || w.charAt(i) > '9') return false;
        return true;
    }

    // ---------------------------------------------------------------- plain expressions

    /** The functions an operand of e may call. */
    private NameSet functions(E e) {
        if (plain) return e.noAgg ? NO_FUNCTIONS : PLAIN_FUNCTIONS;
        return e.noAgg ? SCALAR_FUNCTIONS : FUNCTIONS;
    }

    /** Plain: a literal (or a sign) only as the right side of a WHERE or HAVING comparison or in an IN list. */
    private static boolean literalPlace(E e) {
        return (e.ctx == C_COND && e.compared) || e.ctx == C_INLIST;
    }

    /** Plain: comparisons only in conditions (WHERE, HAVING, ON), not in select items or ORDER BY. */
    private boolean comparisonPlace(E e) {
        return !plain || e.ctx == C_COND || e.ctx == C_ON;
    }

    /** Plain: LIKE, IN, IS, BETWEEN and NOT only in WHERE and HAVING: ON compares columns. */
    private boolean wordComparisonPlace(E e) {
        return !plain || e.ctx == C_COND;
    }

    /** Plain: AND and OR join conditions only, not select items, GROUP BY or ORDER BY terms. */
    private boolean connectivePlace(E e) {
        return !plain || e.ctx == C_COND || e.ctx == C_ON;
    }

    /** Plain: a condition ends (AND, OR, its clause's end) only once it has its comparison. */
    private boolean conditionComplete(E e) {
        return !plain || (e.ctx != C_COND && e.ctx != C_ON) || e.compared;
    }

    // ---------------------------------------------------------------- expression frames

    /** s is the stack with e on top. */
    private Stack stepE(Run r, E e, Stack s, Tok t) {
        Stack below = s.tail;
        switch (e.phase) {
            case E_OPERAND -> {
                switch (t.type) {
                    case Tok.NUM, Tok.STR -> {
                        return !plain || literalPlace(e) ? push(below, e.phase(E_AFTER, 0)) : null;
                    }
                    case Tok.PLUS, Tok.MINUS -> {
                        return !plain || literalPlace(e) ? push(below, e.phase(E_OPERAND, 0)) : null;
                    }
                    case Tok.LP -> {
                        if (plain && !(e.ctx == C_COND && e.compared)) return null;   // only a subquery on the right
                        return push(push(below, e.phase(E_AFTER, 0)), new E(C_PAREN, E_PAREN_START, null, false, false, 0, e.noAgg, false));
                    }
                    case Tok.STAR -> {
                        return (e.flags & F_STAR) != 0 ? push(below, e.phase(E_AFTER, 0)) : null;
                    }
                    case Tok.WORD -> {
                        if (!plain && t.is(Tok.NOT)) {
                            if (t.prefix) return accepted();
                            return push(below, e.phase(E_OPERAND, 0));
                        }
                        if (!plain && t.is(Tok.NULL)) return t.prefix ? accepted() : push(below, e.phase(E_AFTER, 0));
                        if (!plain && t.is(Tok.EXISTS)) return t.prefix ? accepted() : push(below, e.phase(E_EXISTS, 0));
                        if ((e.flags & F_DISTINCT) != 0 && t.is(Tok.DISTINCT)) {
                            return t.prefix ? accepted() : push(below, e.phase(E_OPERAND, 0));
                        }
                        if (!t.isName()) return null;
                        // plain: a WHERE or HAVING comparison takes a literal or a subquery on its right, not a column
                        // (`Year = concert_ID`, where the link prior's bonus for columns outbid the question's 2014)
                        if (plain && e.ctx == C_COND && e.compared) return null;
                        if (plain && e.ctx == C_ON) {   // ON joins two tables bound so far on a foreign key: T1.a = T2.b
                            if (!joinQualifierOk(s, t.w, e.compared ? e.onLeft : null, t.prefix)) return null;
                            if (t.prefix) return accepted();
                            return push(below, new E(e.ctx, E_IDENT, t.w, t.quoted, e.between, 0, e.noAgg, e.compared, e.conditions, e.onLeft));
                        }
                        String partner = partner(e, below);
                        if (t.prefix) {
                            if (!t.quoted && functions(e).anyStartsWith(t.w)) return accepted();
                            if (partner != null) return partnerPrefixOk(s, partner, t.w) ? accepted() : null;
                            return namePrefixOk(s, t.w) ? accepted() : null;
                        }
                        boolean plausible = (!t.quoted && functions(e).contains(t.w)) || qualifierOk(s, t.w)
                                || resolve(r, s, null, t.w, false);
                        if (!plausible) return null;
                        return push(below, new E(e.ctx, E_IDENT, t.w, t.quoted, e.between, 0, e.noAgg, e.compared, e.conditions));
                    }
                    default -> {
                        return null;
                    }
                }
            }
            case E_EXISTS -> {
                if (t.type != Tok.LP) return null;
                return push(push(below, e.phase(E_AFTER)), new E(C_PAREN, E_PAREN_START, null, false, false, F_EXISTS, e.noAgg, false));
            }
            case E_IDENT -> {
                if (t.type == Tok.DOT) {
                    if (!qualifierOk(s, e.word)) return null;
                    return push(below, new E(e.ctx, E_QUAL, e.word, e.quoted, e.between, 0, e.noAgg, e.compared, e.conditions, e.onLeft));
                }
                if (plain && e.ctx == C_ON) return null;
                String partner = partner(e, below);
                if (t.type == Tok.LP) {
                    if (e.quoted || !(plain ? PLAIN_FUNCTIONS : FUNCTIONS).contains(e.word)) return null;
                    boolean agg = AGGREGATES.contains(e.word);
                    if (agg && e.noAgg) return null;  // SQLite: misuse of aggregate
                    int flags = (agg ? F_DISTINCT : 0) | (e.word.equals("count") ? F_STAR : 0);
                    return push(push(below, new E(e.ctx, E_AFTER, null, false, e.between, 0, e.noAgg, e.compared, e.conditions)),
                            new E(C_FUNC, E_OPERAND, null, false, false, flags, e.noAgg || agg, false));
                }
                if (partner != null && !schema.sameValues(partner, e.word)) return null;
                if (!resolve(r, s, null, e.word, true)) return null;
                OnLeft left = plain && e.ctx == C_COND && !e.compared ? new OnLeft(null, e.word) : null;
                return again(r, push(below, new E(e.ctx, E_AFTER, null, false, e.between, 0, e.noAgg, e.compared, e.conditions, left)));
            }
            case E_QUAL -> {
                if (t.type == Tok.STAR) {
                    if (e.ctx != C_ITEM || !resolve(r, s, e.word, ALL_COLUMNS, true)) return null;
                    // a top-level item frame sits right on its query: the item is X.*, not one column
                    Q q = (Q) below.head;
                    Width w = q.w;
                    Q nq = q.width(new Width(w.items() - 1, w.starAll(), new Names(e.word, w.starQuals()), w.want(), -1, w.partner()));
                    return push(push(below.tail, nq), new E(e.ctx, E_AFTER, null, false, e.between, F_STAR_ITEM, e.noAgg, e.compared, e.conditions));
                }
                if (!t.isName()) return null;
                if (plain && e.ctx == C_ON && !joinColumnOk(s, e.word, t.w, e.compared ? e.onLeft : null, t.prefix)) return null;
                String partner = partner(e, below);
                if (t.prefix) return qualifiedPrefixOk(r, s, e.word, t.w) && (partner == null || partnerPrefix(partner, t.w)) ? accepted() : null;
                if (partner != null && !schema.sameValues(partner, t.w)) return null;
                if (!resolve(r, s, e.word, t.w, true)) return null;
                // an ON condition keeps its left column: the right side must join it; a WHERE one for IN
                OnLeft left = (e.ctx == C_ON || plain && e.ctx == C_COND) && !e.compared ? new OnLeft(e.word, t.w) : e.onLeft;
                return push(below, new E(e.ctx, E_AFTER, null, false, e.between, 0, e.noAgg, e.compared, e.conditions, left));
            }
            case E_AFTER -> {
                if ((e.flags & F_STAR_ITEM) != 0) return again(r, below);  // X.* is a whole item
                switch (t.type) {
                    case Tok.PLUS, Tok.MINUS, Tok.STAR, Tok.ARITH -> {
                        return plain ? null : push(below, e.phase(E_OPERAND));
                    }
                    case Tok.CMP -> {
                        // plain ON: equality only (Spider's gold joins on = in every ON condition)
                        if (plain && e.ctx == C_ON && t != Tok.T_EQ) return null;
                        return mayCompare(e) && comparisonPlace(e) ? push(below, e.compare(E_OPERAND)) : null;
                    }
                    case Tok.COMMA -> {
                        // plain: Spider's aggregates take one argument (SQLite refuses COUNT(a, b); the model looped on them)
                        if ((e.ctx == C_FUNC && !plain) || e.ctx == C_INLIST) return push(below, e.nextArgument());
                    }
                    case Tok.RP -> {
                        if (e.ctx == C_PAREN || e.ctx == C_FUNC || e.ctx == C_INLIST) return e.between ? null : below;
                    }
                    case Tok.WORD -> {
                        if (t.is(Tok.AND) && (e.between || (conditionComplete(e) && connectivePlace(e) && mayAddCondition(e)))) {
                            if (t.prefix) return accepted();
                            // the AND of a BETWEEN completes its comparison; any other starts a new condition
                            return push(below, e.nextCondition(e.between));
                        }
                        if (!e.between) {
                            if (t.is(Tok.OR) && conditionComplete(e) && connectivePlace(e) && mayAddCondition(e)) return t.prefix ? accepted() : push(below, e.nextCondition(false));
                            // the other words here are comparisons (NOT only starts NOT IN / LIKE / GLOB / BETWEEN);
                            // a partial word refused as one may still be a keyword that ends the expression (I.. of INTERSECT)
                            boolean compares = t.is(Tok.LIKE) || t.is(Tok.GLOB) || t.is(Tok.NOT) || t.is(Tok.IN) || t.is(Tok.IS) || t.is(Tok.BETWEEN);
                            if (compares && !(mayCompare(e) && wordComparisonPlace(e))) {
                                if (!t.prefix) return null;
                            } else {
                                if (t.is(Tok.LIKE) || t.is(Tok.GLOB)) return t.prefix ? accepted() : push(below, e.compare(E_OPERAND));
                                if (t.is(Tok.NOT)) return t.prefix ? accepted() : push(below, e.compare(E_NOT));
                                if (t.is(Tok.IN)) return t.prefix ? accepted() : push(below, e.compare(E_IN));
                                if (t.is(Tok.IS)) return t.prefix ? accepted() : push(below, e.compare(E_IS));
                                if (t.is(Tok.BETWEEN)) {
                                    if (t.prefix) return accepted();
                                    return push(below, new E(e.ctx, E_OPERAND, null, false, true, 0, e.noAgg, true, e.conditions));
                                }
                            }
                        }
                    }
                    default -> { }
                }
                if (e.between || e.ctx == C_PAREN || e.ctx == C_FUNC || e.ctx == C_INLIST) return null;
                return conditionComplete(e) ? again(r, below) : null;
            }
            case E_NOT -> {
                if (t.is(Tok.IN)) return t.prefix ? accepted() : push(below, e.phase(E_IN));
                if (t.is(Tok.LIKE) || t.is(Tok.GLOB)) return t.prefix ? accepted() : push(below, e.phase(E_OPERAND));
                if (t.is(Tok.BETWEEN)) {
                    if (t.prefix) return accepted();
                    return push(below, new E(e.ctx, E_OPERAND, null, false, true, 0, e.noAgg, true, e.conditions));
                }
                return null;
            }
            case E_IS -> {
                if (t.is(Tok.NOT)) return t.prefix ? accepted() : push(below, e.phase(E_IS));
                if (t.is(Tok.NULL)) return t.prefix ? accepted() : push(below, e.phase(E_AFTER));
                return null;
            }
            case E_IN -> {
                if (t.type != Tok.LP) return null;
                return push(push(below, e.phase(E_AFTER)), new E(C_INLIST, E_INLIST_START, null, false, false, 0, e.noAgg, false, 1, e.onLeft));
            }
            case E_PAREN_START, E_INLIST_START -> {
                if (t.is(Tok.SELECT) && mayNest(below, 0)) {
                    if (t.prefix) return accepted();
                    int id = r.nextId++;
                    Width w = (e.flags & F_EXISTS) != 0 ? Width.ANY
                            : e.onLeft == null ? Width.ONE : new Width(0, false, null, 1, -1, e.onLeft.col());
                    return again(r, push(push(below, e.phase(E_EXPECT_RP)), newSub(id, w)));
                }
                if (plain && e.phase == E_PAREN_START) return null;
                return again(r, push(below, e.phase(E_OPERAND)));
            }
            case E_EXPECT_RP -> {
                return t.type == Tok.RP ? below : null;
            }
            default -> throw new IllegalStateException("expression phase " + e.phase);
        }
    }
}
