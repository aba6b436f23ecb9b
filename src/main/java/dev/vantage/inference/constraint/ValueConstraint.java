package dev.vantage.inference.constraint;

import dev.vantage.inference.ConstraintState;
import dev.vantage.inference.TokenConstraint;

import java.util.NavigableSet;

/**
 * Narrows another constraint to the literals of one question ({@link LiteralValues}): every string
 * and number literal is checked character by character, so a literal that cannot become an allowed
 * one is refused at its first wrong character. The inner constraint checks everything else; this one
 * only follows the text far enough to know where literals are (strings, numbers, words, quoted names).
 *
 * <p>It also adds to the link potential ({@link ConstraintState#linkPotential}) 1 for each string
 * literal that is a database value linked to the question, spelled as the database spells it: 1
 * already while the content typed so far starts such a value, 0 again if it leaves them. Spider's
 * gold string literals are such values in 78% of dev (317 of 408), while the model, left to itself,
 * wrote the gold literal in 3% of its answers ('Cy', 'Jet', 'T').
 *
 * <p>The string of {@code column = '...'} or {@code column != '...'} must instead be one of the
 * column's own values where those are known ({@link ColumnDomains}), spelled as the database does.
 */
public final class ValueConstraint implements TokenConstraint {
    private static final byte IDLE = 0, WORD = 1, NUMBER = 2, STRING = 3, STRING_QUOTE = 4, QNAME = 5;

    private final TokenConstraint inner;
    private final LiteralValues values;
    private final ColumnDomains domains;

    public ValueConstraint(TokenConstraint inner, LiteralValues values) {
        this(inner, values, ColumnDomains.NONE);
    }

    public ValueConstraint(TokenConstraint inner, LiteralValues values, ColumnDomains domains) {
        this.inner = inner;
        this.values = values;
        this.domains = domains;
    }

    @Override public ConstraintState initial() {
        return new State(inner.initial(), IDLE, "", false, (char) 0, 0, null, null);
    }

    /** @param domain the column's values the string must be one of, or null: {@link LiteralValues}' rules */
    private boolean stringOk(NavigableSet<String> domain, String content, boolean like) {
        return domain != null ? domain.contains(content) : values.stringOk(content, like);
    }

    private boolean stringPrefixOk(NavigableSet<String> domain, String content, boolean like) {
        return domain != null ? ColumnDomains.prefix(domain, content) : values.stringPrefixOk(content, like);
    }

    /** Whether the tokens end in {@code =} or {@code !=} (not {@code <=}, {@code >=}). */
    private static boolean afterEquals(RecentTokens t) {
        String before = RecentTokens.at(t, 1);
        return "=".equals(RecentTokens.at(t, 0)) && !"<".equals(before) && !">".equals(before);
    }

    /** Operators and keywords after which {@code -} or {@code +} is a sign, not arithmetic. */
    private static final java.util.Set<String> BEFORE_SIGN = java.util.Set.of("=", "<", ">", "(", ",", "-", "+", "*", "/", "%",
            "and", "or", "between", "not", "in", "select", "where", "having", "limit", "offset", "when", "then", "else", "by");

    /** Whether the literal starting after these tokens has a sign before it ({@code = -5}, {@code BETWEEN -50}; {@code = -'t'}, never allowed). */
    private static boolean signed(RecentTokens t) {
        String sign = RecentTokens.at(t, 0), before = RecentTokens.at(t, 1);
        return ("-".equals(sign) || "+".equals(sign)) && (before == null || BEFORE_SIGN.contains(before.toLowerCase(java.util.Locale.ROOT)));
    }

    /**
     * After {@code BETWEEN n AND}: the numbers the question states above n, or null elsewhere. The
     * model's {@code Population BETWEEN 160000 AND 160000} for "between 160000 and 900000".
     */
    private NavigableSet<String> upperBound(RecentTokens t) {
        if (!"and".equalsIgnoreCase(RecentTokens.at(t, 0)) || !"between".equalsIgnoreCase(RecentTokens.at(t, 2))) return null;
        double low;
        try {
            low = Double.parseDouble(RecentTokens.at(t, 1));
        } catch (NumberFormatException e) {
            return null;   // a string or a column below
        }
        NavigableSet<String> above = new java.util.TreeSet<>();
        for (String n : values.statedNumbers()) if (Double.parseDouble(n) > low) above.add(n);
        return above;
    }

    /**
     * The values the string starting after these tokens may be, or null: after any comparison with a
     * column of numbers the numbers the question states ({@link ColumnDomains#numeric}), else after
     * {@code = != <>} the column's values ({@link ColumnDomains#of}); after a comparison with an aggregate, none.
     */
    private NavigableSet<String> domainAfter(RecentTokens t) {
        String op = RecentTokens.at(t, 0), before = RecentTokens.at(t, 1);
        if (!"=".equals(op) && !"<".equals(op) && !">".equals(op)) return null;
        boolean notEqual = ">".equals(op) && "<".equals(before);   // <>
        boolean two = notEqual || "=".equals(op) && ("!".equals(before) || "<".equals(before) || ">".equals(before));
        int name = two ? 2 : 1;
        String column = RecentTokens.at(t, name);
        if (")".equals(column) && closesAggregate(t, name)) return java.util.Collections.emptyNavigableSet();
        if (column == null || !Character.isLetter(column.charAt(0)) && column.charAt(0) != '_') return null;
        String qualifier = ".".equals(RecentTokens.at(t, name + 1)) ? RecentTokens.at(t, name + 2) : null;
        if (domains.numeric(qualifier, column)) return values.statedNumbers();
        return afterEquals(t) || notEqual ? domains.of(qualifier, column) : null;
    }

    /**
     * Whether the {@code )} at token i closes a call of an aggregate ({@code COUNT(*)}, {@code SUM(T1.x)}):
     * a string is never its value. Spider's gold compares an aggregate with a string in 0 of 8,034 queries;
     * the model wrote {@code HAVING COUNT(*) = 'cat'}.
     */
    private static boolean closesAggregate(RecentTokens t, int i) {
        int depth = 0;
        for (int k = i; k < i + 12; k++) {
            String tok = RecentTokens.at(t, k);
            if (tok == null) return false;
            if (tok.equals(")")) depth++;
            else if (tok.equals("(") && --depth == 0) {
                String f = RecentTokens.at(t, k + 1);
                return f != null && SqlGrammar.AGGREGATES.contains(f.toLowerCase(java.util.Locale.ROOT));
            }
        }
        return false;
    }

    /**
     * @param buf       the word (lower case), number or string content being read
     * @param afterLike the last complete token was LIKE or GLOB (in a string: the string follows one)
     * @param quote     the closing character of a quoted name
     * @param valued    the number of complete string literals that are linked database values
     * @param tokens    the complete tokens before
     * @param domain    in a string: the values it must be one of ({@link ColumnDomains}), or null
     */
    private final class State implements ConstraintState {
        private final ConstraintState inner;
        private final byte mode;
        private final String buf;
        private final boolean afterLike;
        private final char quote;
        private final int valued;
        private final RecentTokens tokens;
        private final NavigableSet<String> domain;

        State(ConstraintState inner, byte mode, String buf, boolean afterLike, char quote, int valued,
              RecentTokens tokens, NavigableSet<String> domain) {
            this.inner = inner;
            this.mode = mode;
            this.buf = buf;
            this.afterLike = afterLike;
            this.quote = quote;
            this.valued = valued;
            this.tokens = tokens;
            this.domain = domain;
        }

        @Override public ConstraintState advance(String text) {
            byte mode = this.mode;
            StringBuilder buf = new StringBuilder(this.buf);
            boolean like = afterLike;
            char quote = this.quote;
            int valued = this.valued;
            RecentTokens tokens = this.tokens;
            NavigableSet<String> domain = this.domain;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (mode) {
                    case WORD -> {
                        if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
                            buf.append(c);
                            continue;
                        }
                        String w = buf.toString().toLowerCase(java.util.Locale.ROOT);
                        like = w.equals("like") || w.equals("glob");
                        tokens = new RecentTokens(buf.toString(), tokens);
                        mode = IDLE;
                    }
                    case NUMBER -> {
                        if (numberChar(c, buf)) {
                            buf.append(c);
                            continue;
                        }
                        if (domain != null ? !domain.contains(buf.toString()) : !values.numberOk(buf.toString())) return null;
                        domain = null;
                        like = false;
                        tokens = new RecentTokens(buf.toString(), tokens);
                        mode = IDLE;
                    }
                    case STRING -> {
                        if (c == '\'') mode = STRING_QUOTE;
                        else buf.append(c);
                        continue;
                    }
                    case STRING_QUOTE -> {
                        if (c == '\'') {        // '' is a quote inside the string
                            buf.append(c);
                            mode = STRING;
                            continue;
                        }
                        if (!stringOk(domain, buf.toString(), like)) return null;
                        if (values.linkedValue(buf.toString(), like)) valued++;
                        like = false;
                        tokens = new RecentTokens("'", tokens);
                        domain = null;
                        mode = IDLE;
                    }
                    case QNAME -> {
                        if (c == quote) {
                            tokens = new RecentTokens(buf.toString(), tokens);
                            mode = IDLE;
                        } else buf.append(c);
                        continue;
                    }
                    default -> { }
                }
                // between tokens: what starts here
                if (Character.isLetter(c) || c == '_') {
                    mode = WORD;
                } else if (c >= '0' && c <= '9') {
                    mode = NUMBER;
                    domain = signed(tokens) ? values.statedNegatives() : afterEquals(tokens) ? values.statedNumbers() : upperBound(tokens);
                } else if (c == '\'') {
                    mode = STRING;
                    domain = signed(tokens) ? java.util.Collections.emptyNavigableSet() : like ? null : domainAfter(tokens);
                    buf.setLength(0);
                    continue;
                } else if (c == '"' || c == '`') {
                    mode = QNAME;
                    quote = c;
                    like = false;
                    buf.setLength(0);
                    continue;
                } else {
                    if (!Character.isWhitespace(c)) {
                        like = false;
                        tokens = new RecentTokens(String.valueOf(c), tokens);
                    }
                    continue;
                }
                buf.setLength(0);
                buf.append(c);
            }
            String b = buf.toString();
            boolean ok = switch (mode) {
                case NUMBER -> domain != null ? ColumnDomains.prefix(domain, b) : values.numberPrefixOk(b);
                case STRING -> stringPrefixOk(domain, b, like);
                // the quote either ends the string or starts a doubled quote inside it
                case STRING_QUOTE -> stringOk(domain, b, like) || stringPrefixOk(domain, b + "'", like);
                default -> true;
            };
            if (!ok) return null;
            ConstraintState innerNext = inner.advance(text);
            return innerNext == null ? null : new State(innerNext, mode, b, like, quote, valued, tokens, domain);
        }

        @Override public double linkPotential() {
            double typing = switch (mode) {
                case STRING -> !buf.isEmpty() && values.linkedValuePrefix(buf) ? 1 : 0;
                case STRING_QUOTE -> values.linkedValue(buf, afterLike) || values.linkedValuePrefix(buf + "'") ? 1 : 0;
                default -> 0;
            };
            return inner.linkPotential() + valued + typing;
        }

        /** A string literal may start (and rise by 1) within almost any token: bounded by 1 wherever values are linked. */
        @Override public double linkRise() {
            return inner.linkRise() + (values.hasLinkedValues() ? 1 : 0);
        }

        @Override public boolean canEnd() {
            boolean ok = switch (mode) {
                case NUMBER -> domain != null ? domain.contains(buf) : values.numberOk(buf);
                case STRING_QUOTE -> stringOk(domain, buf, afterLike);
                case STRING, QNAME -> false;
                default -> true;
            };
            return ok && inner.canEnd();
        }
    }

    /** Digits, one point, and an exponent with an optional sign: the inner lexer refuses anything else. */
    private static boolean numberChar(char c, StringBuilder typed) {
        if (c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E') return true;
        char last = typed.charAt(typed.length() - 1);
        return (c == '+' || c == '-') && (last == 'e' || last == 'E');
    }
}
