package dev.vantage.inference.constraint;

import dev.vantage.inference.ConstraintState;
import dev.vantage.inference.TokenConstraint;

import java.util.Locale;
import java.util.Set;

/**
 * Narrows another constraint so that no condition repeats within one AND/OR list: a looping decoder
 * writes {@code AND T2.Country = '8' AND T2.Country = '8' ...}, which no query needs. A list is the
 * conditions of one WHERE, HAVING or ON clause, or of one pair of parentheses; a condition is the text
 * between its connectives (the AND of a BETWEEN is none), with subqueries included, compared with runs
 * of spaces made one. The repeat is refused where the repeated condition ends: at the next AND, OR,
 * clause keyword, closing parenthesis or the end.
 */
public final class DistinctConditions implements TokenConstraint {
    /** Words after which the conditions of the current list are over. */
    private static final Set<String> CLAUSE_WORDS = Set.of("select", "from", "join", "group", "order", "limit",
            "union", "intersect", "except", "inner", "left", "cross", "by");
    /** Words that continue a condition after a complete operand; any other word there ends it. */
    private static final java.util.List<String> CONTINUING = java.util.List.of("is", "in", "not", "like", "glob", "between");
    /** Words that start a list of conditions. */
    private static final Set<String> CONDITION_WORDS = Set.of("where", "having", "on");

    private final TokenConstraint inner;

    public DistinctConditions(TokenConstraint inner) {
        this.inner = inner;
    }

    @Override public ConstraintState initial() {
        return new State(inner.initial(), new Frame("", "", null, false, false, null), false, "");
    }

    /** Finished conditions of a list; a persistent list. */
    private record Done(String condition, Done next) {
        static boolean contains(Done d, String c) {
            for (; d != null; d = d.next) if (d.condition.equals(c)) return true;
            return false;
        }
    }

    /**
     * The text of one level of parentheses: all of it (what the level above sees on closing), the
     * condition being read, the finished conditions of the list, and whether a BETWEEN awaits its AND.
     */
    private record Frame(String all, String item, Done done, boolean inList, boolean between, Frame parent) {
        Frame append(String s) {
            return new Frame(all + s, item + s, done, inList, between, parent);
        }

        Frame space() {
            return all.isEmpty() || all.endsWith(" ") ? this : append(" ");
        }

        /** The frame with the current condition finished, or null when it repeats an earlier one of the list. */
        Frame finishItem() {
            String c = item.strip();
            if (!inList || c.isEmpty()) return new Frame(all, "", done, inList, false, parent);
            if (Done.contains(done, c)) return null;
            return new Frame(all, "", new Done(c, done), inList, false, parent);
        }

        /** A new list starts (inList) or a non-condition clause begins: earlier conditions no longer count. */
        Frame newList(boolean inList, String word) {
            return new Frame(all + word, "", null, inList, false, parent);
        }
    }

    private final class State implements ConstraintState {
        private final ConstraintState inner;
        private final Frame top;
        private final boolean inString;
        private final String word;

        State(ConstraintState inner, Frame top, boolean inString, String word) {
            this.inner = inner;
            this.top = top;
            this.inString = inString;
            this.word = word;
        }

        @Override public ConstraintState advance(String text) {
            Frame f = top;
            boolean str = inString;
            StringBuilder w = new StringBuilder(word);
            for (int i = 0; i < text.length() && f != null; i++) {
                char c = text.charAt(i);
                if (str) {
                    f = f.append(String.valueOf(c));
                    if (c == '\'') str = false;     // a doubled quote closes and reopens: the same text
                    continue;
                }
                if (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.') {
                    w.append(c);
                    continue;
                }
                if (!w.isEmpty()) {
                    f = word(f, w.toString());
                    w.setLength(0);
                    if (f == null) return null;
                }
                if (c == '\'') {
                    str = true;
                    f = f.append("'");
                } else if (c == '(') {
                    f = new Frame("", "", null, true, false, f.append("("));
                } else if (c == ')') {
                    Frame closed = f.finishItem();
                    if (closed == null || closed.parent == null) return null;
                    f = closed.parent.append(closed.all + ")");
                } else if (Character.isWhitespace(c)) {
                    f = f.space();
                } else {
                    f = f.append(String.valueOf(c));
                }
            }
            if (f == null || (!w.isEmpty() && endsRepeat(f, w.toString()))) return null;
            ConstraintState next = inner.advance(text);
            return next == null ? null : new State(next, f, str, w.toString());
        }

        @Override public double linkPotential() {
            return inner.linkPotential();
        }

        @Override public double linkRise() {
            return inner.linkRise();
        }

        @Override public boolean canEnd() {
            if (inString) return false;
            Frame f = word.isEmpty() ? top : word(top, word);
            return f != null && f.finishItem() != null && inner.canEnd();
        }
    }

    /**
     * Whether a word being typed can only end the current condition, which repeats an earlier one: it
     * is refused at its first letter (`G` of GROUP), not only when complete, so no dead end is left.
     */
    private static boolean endsRepeat(Frame f, String partial) {
        String p = partial.toLowerCase(Locale.ROOT);
        for (String w : CONTINUING) if (w.startsWith(p)) return false;
        return f.inList && Done.contains(f.done, f.item.strip());
    }

    /** The frame after a complete word; null when the word ends a condition that repeats. */
    private static Frame word(Frame f, String w) {
        String lw = w.toLowerCase(Locale.ROOT);
        if (lw.equals("and") && f.between) return new Frame(f.all + w, f.item + w, f.done, f.inList, false, f.parent);
        if ((lw.equals("and") || lw.equals("or")) && f.inList) {
            Frame done = f.finishItem();
            return done == null ? null : new Frame(done.all + w, "", done.done, true, false, done.parent);
        }
        if (lw.equals("between")) return new Frame(f.all + w, f.item + w, f.done, f.inList, true, f.parent);
        boolean starts = CONDITION_WORDS.contains(lw);
        if (starts || CLAUSE_WORDS.contains(lw)) {
            Frame done = f.finishItem();
            return done == null ? null : done.newList(starts, w);
        }
        return f.append(w);
    }
}
