package dev.vantage.inference.constraint;

import dev.vantage.data.schema.Column;
import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.Table;
import dev.vantage.data.schema.ValueIndex;
import dev.vantage.inference.ConstraintState;
import dev.vantage.inference.TokenConstraint;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Narrows another constraint so that {@code SUM} and {@code AVG} take no column whose every namesake
 * holds mostly words ({@code SUM(Region)}), known from the database's values
 * ({@link ValueIndex#mostlyWords}). The argument is refused while it is typed, as soon as it can only
 * become such a column, or where it ends as one. A name is judged by every column that bears it
 * (ignoring case, as SQLite does) because the text does not say which table an unqualified name (or
 * a qualifier bound later) belongs to. Names are matched as the schema spells them and keywords upper
 * case: the spelling {@link CanonicalSpelling} holds the inner constraint to, so that nothing this
 * allows is a prefix the inner one can only finish as a column of words (a dead end). This follows the text
 * with a small lexer of its own, as {@link ValueConstraint} does, and leaves everything else to the
 * inner constraint. What it changed on Spider dev: docs/CONSTRAINED-DECODING.md ("Numeric aggregates").
 */
public final class NumericAggregates implements TokenConstraint {
    private static final byte IDLE = 0, WORD = 1, STRING = 2, QNAME = 3;

    private final TokenConstraint inner;
    private final Kinds kinds;

    public NumericAggregates(TokenConstraint inner, Kinds kinds) {
        this.inner = inner;
        this.kinds = kinds;
    }

    /**
     * What the rule knows of a schema's column names, as the schema spells them.
     *
     * @param words      columns whose every namesake holds mostly words
     * @param summable   the other columns: what a SUM or AVG argument may become
     * @param byTable    per table name (which may qualify the argument, as {@code T1}-style aliases
     *                   always may): its columns among {@code summable}
     */
    public record Kinds(Set<String> words, Set<String> summable, Map<String, Set<String>> byTable) {
        /** @param values the database's values, or null: then no column counts as words */
        public static Kinds of(DatabaseSchema schema, ValueIndex values) {
            Map<String, Boolean> words = new HashMap<>();     // by lower-case name
            for (Table t : schema.tables())
                for (Column c : t.columns())
                    words.merge(lower(c.name()), values != null && values.mostlyWords(t.name(), c.name()), Boolean::logicalAnd);
            Set<String> wordy = new HashSet<>(), summable = new HashSet<>();
            Map<String, Set<String>> byTable = new HashMap<>();
            for (Table t : schema.tables()) {
                Set<String> own = new HashSet<>();
                for (Column c : t.columns()) {
                    boolean w = words.get(lower(c.name()));
                    (w ? wordy : summable).add(c.name());
                    if (!w) own.add(c.name());
                }
                byTable.put(t.name(), Set.copyOf(own));
            }
            return new Kinds(Set.copyOf(wordy), Set.copyOf(summable), Map.copyOf(byTable));
        }

        /**
         * Whether a word being typed as a SUM/AVG argument can still become an allowed one.
         *
         * @param qualifier the table name or alias before its dot, or null
         */
        boolean summablePrefix(String w, String qualifier) {
            Set<String> columns = qualifier == null ? summable : byTable.getOrDefault(qualifier, summable);
            for (String n : columns) if (n.startsWith(w)) return true;
            if (qualifier != null) return false;
            if ("DISTINCT".startsWith(w) || alias(w)) return true;
            for (String t : byTable.keySet()) if (t.startsWith(w)) return true;
            return false;
        }

        private static boolean alias(String w) {
            return w.equals("T") || w.length() >= 2 && w.charAt(0) == 'T' && w.substring(1).chars().allMatch(Character::isDigit);
        }
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    @Override public ConstraintState initial() {
        return new State(inner.initial(), IDLE, "", null);
    }

    /**
     * @param buf    the word or quoted name being read
     * @param tokens the complete tokens before it
     */
    private final class State implements ConstraintState {
        private final ConstraintState inner;
        private final byte mode;
        private final String buf;
        private final RecentTokens tokens;

        State(ConstraintState inner, byte mode, String buf, RecentTokens tokens) {
            this.inner = inner;
            this.mode = mode;
            this.buf = buf;
            this.tokens = tokens;
        }

        @Override public ConstraintState advance(String text) {
            byte mode = this.mode;
            StringBuilder buf = new StringBuilder(this.buf);
            RecentTokens tokens = this.tokens;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                switch (mode) {
                    case WORD -> {
                        if (Character.isLetterOrDigit(c) || c == '_' || c == '$') {
                            buf.append(c);
                            continue;
                        }
                        String word = buf.toString();
                        // a column of words ends the argument unless a dot makes it a qualifier (a table of that name)
                        if (c != '.' && kinds.words().contains(word) && inSumArgument(tokens)) return null;
                        tokens = new RecentTokens(word, tokens);
                        mode = IDLE;
                    }
                    case STRING -> {
                        // a doubled quote ends one string and starts another: no aggregate argument either way
                        if (c == '\'') {
                            tokens = new RecentTokens("'", tokens);
                            mode = IDLE;
                        }
                        continue;
                    }
                    case QNAME -> {
                        if (c == buf.charAt(0)) {
                            tokens = new RecentTokens(buf.substring(1), tokens);
                            mode = IDLE;
                        } else buf.append(c);
                        continue;
                    }
                    default -> { }
                }
                // between tokens: what starts here
                buf.setLength(0);
                if (Character.isLetterOrDigit(c) || c == '_') {
                    mode = WORD;
                    buf.append(c);
                } else if (c == '\'') {
                    mode = STRING;
                } else if (c == '"' || c == '`') {
                    mode = QNAME;
                    buf.append(c);
                } else if (!Character.isWhitespace(c)) {
                    if (c == ')' && sumsWords(tokens)) return null;
                    tokens = new RecentTokens(String.valueOf(c), tokens);
                }
            }
            if (mode == WORD && inSumArgument(tokens) && !kinds.summablePrefix(buf.toString(), tokens.head().equals(".") ? RecentTokens.at(tokens, 1) : null))
                return null;
            ConstraintState next = inner.advance(text);
            return next == null ? null : new State(next, mode, buf.toString(), tokens);
        }

        /** Whether the tokens end where a SUM/AVG argument's name goes: {@code sum ( [distinct] [q .]}. */
        private boolean inSumArgument(RecentTokens t) {
            if (t == null) return false;
            int i = 0;
            if (t.head().equals(".")) i = 2;                 // the qualifier and its dot
            if ("DISTINCT".equalsIgnoreCase(RecentTokens.at(t, i))) i++;
            return "(".equals(RecentTokens.at(t, i)) && isSumOrAvg(RecentTokens.at(t, i + 1));
        }

        /** {@code sum ( [distinct] [q .] column} with a column of words (a quoted name), about to close. */
        private boolean sumsWords(RecentTokens t) {
            return t != null && kinds.words().contains(t.head()) && inSumArgument(t.tail());
        }

        private static boolean isSumOrAvg(String s) {
            return "SUM".equalsIgnoreCase(s) || "AVG".equalsIgnoreCase(s);
        }

        @Override public boolean canEnd() {
            return mode != STRING && mode != QNAME && inner.canEnd();
        }

        @Override public double linkPotential() {
            return inner.linkPotential();
        }

        @Override public double linkRise() {
            return inner.linkRise();
        }
    }
}
