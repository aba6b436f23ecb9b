package dev.vantage.inference.constraint;

import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.inference.ConstraintState;
import dev.vantage.inference.TokenConstraint;
import dev.vantage.inference.constraint.SqlGrammar.PState;

/**
 * Schema-aware constrained decoding for one database: the states accept exactly the prefixes of SQLite
 * SELECT queries (the Spider subset, see docs/INFERENCE.md) whose tables and columns exist in the
 * schema, whose qualified columns belong to the table bound to their alias, whose aliases are bound in
 * the query, and whose keywords, strings and parentheses come in order and close.
 *
 * <p>Text arrives in any chunks (BPE pieces); underneath, a character lexer feeds whole tokens to
 * {@link SqlGrammar}, a pushdown automaton with a persistent stack. A word still being typed is
 * tested as a prefix against what the grammar allows at that point (keywords, names in scope). States
 * are immutable: {@link ConstraintState#advance} never changes the state it is called on, so beams can
 * share states freely, from any thread.
 *
 * <pre>{@code
 * TokenConstraint c = new SqlConstraint(schema);          // tolerant: any alias name, any case
 * ConstraintState s = c.initial().advance("SELECT T1.Name FROM singer AS T1");
 * s.canEnd();                                              // true
 * }</pre>
 */
public final class SqlConstraint implements TokenConstraint {
    /**
     * @param strictAliases aliases must be {@code T1, T2, ...} (the normalizer's spelling), and a
     *                      qualifier used before FROM must be such an alias or a table name; without
     *                      it any name is a valid alias
     * @param limits        how often a table may appear in one FROM clause and how deep queries may nest
     * @param links         how strongly the question points at each table and column, for {@link ConstraintState#linkPotential}
     */
    public record Options(boolean strictAliases, StructureLimits limits, LinkScores links) {
        public static final Options TOLERANT = new Options(false, StructureLimits.NONE, LinkScores.NONE);
        public static final Options NORMALIZED = new Options(true, StructureLimits.NONE, LinkScores.NONE);

        public Options withLimits(StructureLimits l) {
            return new Options(strictAliases, l, links);
        }

        public Options withLinkScores(LinkScores links) {
            return new Options(strictAliases, limits, links);
        }
    }

    /**
     * Bounds that no sensible query reaches but a looping decoder does ({@code FROM song AS T1 JOIN song
     * AS T2 JOIN song AS T3 ...}, {@code FROM (SELECT ... FROM (SELECT ...}, {@code a = b = c = ...});
     * 0 or false = no bound.
     *
     * @param tableUses     times one schema table may be bound in one FROM clause
     * @param depth         SELECTs nested inside one another (the top query is 1; compound parts do not nest)
     * @param maxAlias      with strict aliases, the highest n of an alias T{n}
     * @param oneComparison at most one comparison (=, &lt;, LIKE, IN, IS, BETWEEN, ...) per condition:
     *                      no {@code a = b = c}, no {@code x IS NOT NULL IS NOT NULL}
     * @param tables        tables (and subqueries) bound in one FROM clause
     * @param conditions    conditions (joined by AND or OR) in one WHERE, HAVING or ON clause or pair of parentheses
     * @param plainExpressions expressions only as Spider's gold writes them: the functions COUNT, SUM,
     *                      AVG, MIN and MAX over a column (or {@code *}); literals only on the right of a
     *                      comparison and in IN lists; comparisons only in conditions, and every
     *                      condition has one; parentheses only around subqueries, and none in FROM;
     *                      no arithmetic, NOT before an operand, EXISTS or NULL operand
     */
    public record StructureLimits(int tableUses, int depth, int maxAlias, boolean oneComparison, int tables,
                                  int conditions, boolean plainExpressions) {
        public static final StructureLimits NONE = new StructureLimits(0, 0, 0, false, 0, 0, false);
    }

    private final SqlGrammar grammar;
    private final LinkScores links;
    private final ConstraintState initial;

    public SqlConstraint(DatabaseSchema schema) {
        this(schema, Options.TOLERANT);
    }

    public SqlConstraint(DatabaseSchema schema, Options options) {
        this.grammar = new SqlGrammar(new SchemaNames(schema), options.strictAliases(), options.limits());
        this.links = options.links();
        this.initial = new State(this, grammar.initial(), State.IDLE, null, null, (char) 0, 0, null, null);
    }

    @Override public ConstraintState initial() {
        return initial;
    }

    /** Lexer position plus the grammar state of the tokens completed so far. */
    private static final class State implements ConstraintState {
        static final byte IDLE = 0, WORD = 1, NUM_INT = 2, NUM_FRAC = 3, NUM_EXP = 4, NUM_EXP_SIGN = 5,
                NUM_EXP_DIGITS = 6, STRING = 7, STRING_QUOTE = 8, QNAME = 9, QNAME_QUOTE = 10, OP = 11,
                OP_NEEDS = 12, AFTER_PUNCT = 13;

        private final SqlConstraint c;
        private final SqlGrammar g;
        /** Grammar state after the completed tokens. */
        private final PState p;
        private final byte mode;
        /** The word or quoted name being read (lower case), else null. */
        private final String buf;
        /** In a number, string or operator: the grammar state once that token completes. */
        private final PState after;
        /** The quote character of a quoted name, the first character of an operator, or the one OP_NEEDS wants. */
        private final char aux;
        /** Sum of the link scores earned so far: tables bound, distinct columns used, value columns compared. */
        private final double linked;
        /** The columns (lower case) whose name score {@code linked} holds. */
        private final SqlGrammar.Names usedColumns;
        /** The value columns (lower case) whose condition score {@code linked} holds. */
        private final SqlGrammar.Names usedValueColumns;

        State(SqlConstraint c, PState p, byte mode, String buf, PState after, char aux, double linked,
              SqlGrammar.Names usedColumns, SqlGrammar.Names usedValueColumns) {
            this.c = c;
            this.g = c.grammar;
            this.p = p;
            this.mode = mode;
            this.buf = buf;
            this.after = after;
            this.aux = aux;
            this.linked = linked;
            this.usedColumns = usedColumns;
            this.usedValueColumns = usedValueColumns;
        }

        @Override public double linkPotential() {
            if (mode != WORD) return linked;
            if (SqlGrammar.expectsTable(p)) return linked + c.links.best(buf);
            if (SqlGrammar.expectsColumn(p)) {
                return linked + c.links.bestColumn(buf, usedColumns, usedValueColumns, SqlGrammar.expectsConditionColumn(p));
            }
            return linked;
        }

        /**
         * A table or column name starts only where the grammar expects one (after FROM, JOIN or a comma
         * of FROM; where an operand or the name after a qualifier's dot starts): now, or once the word
         * ends. Inside a name the best score only falls.
         */
        @Override public double linkRise() {
            if (c.links.isEmpty()) return 0;
            if (mode == IDLE || mode == AFTER_PUNCT) return rise(p);
            if (mode == OP || mode == OP_NEEDS) return rise(after);    // `=` then a column: one token may hold both
            if (mode != WORD || namePlace(p)) return 0;
            PState ended = g.feed(p, Tok.word(buf, false, false));
            return ended == null ? 0 : rise(ended);
        }

        private static boolean namePlace(PState p) {
            return SqlGrammar.expectsTable(p) || SqlGrammar.expectsColumn(p);
        }

        /** What a name starting at p can earn at most: 1, or 2 for a condition's value column. */
        private double rise(PState p) {
            if (!namePlace(p)) return 0;
            return c.links.hasValueColumns() && SqlGrammar.expectsConditionColumn(p) ? 2 : 1;
        }

        @Override public ConstraintState advance(String text) {
            double linked = this.linked;
            SqlGrammar.Names used = this.usedColumns, usedValues = this.usedValueColumns;
            PState p = this.p;
            byte mode = this.mode;
            PState after = this.after;
            char aux = this.aux;
            StringBuilder sb = null;
            String buf = this.buf;
            int n = text.length();
            for (int i = 0; i < n; i++) {
                char ch = text.charAt(i);
                switch (mode) {
                    case IDLE -> { }
                    case AFTER_PUNCT -> {
                        // `--` and `/*` would start a comment: SQLite would drop the rest of the query
                        if ((aux == '-' && ch == '-') || (aux == '/' && ch == '*')) return null;
                        mode = IDLE;
                    }
                    case WORD -> {
                        if (isWordChar(ch)) {
                            if (sb == null) sb = new StringBuilder(buf);
                            sb.append(lower(ch));
                            continue;
                        }
                        String w = sb != null ? sb.toString() : buf;
                        sb = null;
                        if (SqlGrammar.expectsTable(p)) {
                            linked += c.links.score(w);
                        } else if (SqlGrammar.expectsColumn(p)) {
                            boolean inCondition = SqlGrammar.expectsConditionColumn(p);
                            double s = c.links.column(w, inCondition);
                            if (s > 0 && !(used != null && used.contains(w))) {
                                linked += s;
                                used = new SqlGrammar.Names(w, used);
                            }
                            if (SqlGrammar.expectsConditionColumn(p) && c.links.valueColumn(w)
                                    && !(usedValues != null && usedValues.contains(w))) {
                                linked += 1;
                                usedValues = new SqlGrammar.Names(w, usedValues);
                            }
                        }
                        p = g.feed(p, Tok.word(w, false, false));
                        if (p == null) return null;
                        mode = IDLE;
                    }
                    case NUM_INT, NUM_FRAC, NUM_EXP, NUM_EXP_SIGN, NUM_EXP_DIGITS -> {
                        if (ch >= '0' && ch <= '9') {
                            if (mode == NUM_EXP || mode == NUM_EXP_SIGN) mode = NUM_EXP_DIGITS;
                            continue;
                        }
                        if (ch == '.' && mode == NUM_INT) {
                            mode = NUM_FRAC;
                            continue;
                        }
                        if ((ch == 'e' || ch == 'E') && (mode == NUM_INT || mode == NUM_FRAC)) {
                            mode = NUM_EXP;
                            continue;
                        }
                        if ((ch == '+' || ch == '-') && mode == NUM_EXP) {
                            mode = NUM_EXP_SIGN;
                            continue;
                        }
                        if (mode == NUM_EXP || mode == NUM_EXP_SIGN || isWordChar(ch)) return null;
                        p = after;
                        mode = IDLE;
                    }
                    case STRING -> {
                        if (ch == '\'') mode = STRING_QUOTE;
                        continue;
                    }
                    case STRING_QUOTE -> {
                        if (ch == '\'') {
                            mode = STRING;
                            continue;
                        }
                        p = after;
                        mode = IDLE;
                    }
                    case QNAME -> {
                        if (sb == null) sb = new StringBuilder(buf);
                        if (ch == aux) mode = QNAME_QUOTE;
                        else sb.append(lower(ch));
                        continue;
                    }
                    case QNAME_QUOTE -> {
                        if (sb == null) sb = new StringBuilder(buf);
                        if (ch == aux) {
                            sb.append(ch);
                            mode = QNAME;
                            continue;
                        }
                        String w = sb.toString();
                        sb = null;
                        if (w.isEmpty()) return null;
                        p = g.feed(p, Tok.word(w, false, true));
                        if (p == null) return null;
                        mode = IDLE;
                    }
                    case OP -> {
                        mode = IDLE;
                        p = after;
                        if ((aux == '<' && (ch == '=' || ch == '>')) || (aux == '>' && ch == '=') || (aux == '=' && ch == '=')) {
                            continue;
                        }
                    }
                    case OP_NEEDS -> {
                        if (ch != aux) return null;
                        mode = IDLE;
                        p = after;
                        continue;
                    }
                    default -> throw new IllegalStateException("lexer mode " + mode);
                }
                // IDLE: start a token
                if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') continue;
                if (isWordStart(ch)) {
                    mode = WORD;
                    sb = new StringBuilder(8);
                    sb.append(lower(ch));
                    continue;
                }
                Tok single = switch (ch) {
                    case '(' -> Tok.T_LP;
                    case ')' -> Tok.T_RP;
                    case ',' -> Tok.T_COMMA;
                    case '.' -> Tok.T_DOT;
                    case '*' -> Tok.T_STAR;
                    case '+' -> Tok.T_PLUS;
                    case '-' -> Tok.T_MINUS;
                    case '/', '%' -> Tok.T_ARITH;
                    case ';' -> Tok.T_SEMI;
                    default -> null;
                };
                if (single != null) {
                    p = g.feed(p, single);
                    if (p == null) return null;
                    if (ch == '-' || ch == '/') {
                        mode = AFTER_PUNCT;
                        aux = ch;
                    }
                    continue;
                }
                if (ch >= '0' && ch <= '9') {
                    after = g.feed(p, Tok.T_NUM);
                    if (after == null) return null;
                    mode = NUM_INT;
                    continue;
                }
                switch (ch) {
                    case '\'' -> {
                        after = g.feed(p, Tok.T_STR);
                        if (after == null) return null;
                        mode = STRING;
                    }
                    case '"', '`' -> {
                        mode = QNAME;
                        aux = ch;
                        sb = new StringBuilder(8);
                    }
                    case '=', '<', '>' -> {
                        after = g.feed(p, ch == '=' ? Tok.T_EQ : Tok.T_CMP);
                        if (after == null) return null;
                        mode = OP;
                        aux = ch;
                    }
                    case '!' -> {
                        after = g.feed(p, Tok.T_CMP);
                        if (after == null) return null;
                        mode = OP_NEEDS;
                        aux = '=';
                    }
                    case '|' -> {
                        after = g.feed(p, Tok.T_ARITH);
                        if (after == null) return null;
                        mode = OP_NEEDS;
                        aux = '|';
                    }
                    default -> {
                        return null;
                    }
                }
            }
            if (sb != null) buf = sb.toString();
            if (mode == WORD || mode == QNAME) {
                if (!(mode == QNAME && buf.isEmpty()) && !g.acceptsWordPrefix(p, buf, mode == QNAME)) return null;
            } else if (mode == QNAME_QUOTE) {
                // the quote just read closes the name (which must then be whole and fit here) or starts a doubled
                // quote inside it; a closed name that is only a prefix would be a dead end no token can leave
                if (buf.isEmpty() || (g.feed(p, Tok.word(buf, false, true)) == null
                        && !g.acceptsWordPrefix(p, buf + (char) aux, true))) return null;
            } else {
                buf = null;
            }
            if (mode != NUM_INT && mode != NUM_FRAC && mode != NUM_EXP && mode != NUM_EXP_SIGN && mode != NUM_EXP_DIGITS
                    && mode != STRING && mode != STRING_QUOTE && mode != OP && mode != OP_NEEDS) {
                after = null;
            }
            return new State(c, p, mode, buf, after, aux, linked, used, usedValues);
        }

        @Override public boolean canEnd() {
            PState end = switch (mode) {
                case IDLE, AFTER_PUNCT -> p;
                case WORD -> g.feed(p, Tok.word(buf, false, false));
                case QNAME_QUOTE -> buf.isEmpty() ? null : g.feed(p, Tok.word(buf, false, true));
                case NUM_INT, NUM_FRAC, NUM_EXP_DIGITS, STRING_QUOTE, OP -> after;
                default -> null;
            };
            return end != null && g.feed(end, Tok.T_EOF) == SqlGrammar.ENDED;
        }

        private static boolean isWordStart(char c) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        }

        private static boolean isWordChar(char c) {
            return isWordStart(c) || (c >= '0' && c <= '9') || c == '$';
        }

        private static char lower(char c) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : Character.toLowerCase(c);
        }

        @Override public String toString() {
            return "SqlConstraint.State[mode " + mode + (buf != null ? ", word '" + buf + "'" : "") + "]";
        }
    }
}
