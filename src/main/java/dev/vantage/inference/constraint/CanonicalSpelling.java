package dev.vantage.inference.constraint;

import dev.vantage.data.schema.Column;
import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.Table;
import dev.vantage.inference.ConstraintState;
import dev.vantage.inference.TokenConstraint;

import java.util.Locale;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Narrows another constraint to the one spelling the model was trained on (SqlNormalizer's): keywords
 * and functions upper case, names exactly as the schema spells them, aliases T1, T2, ..., single
 * spaces, no quoted names. SQLite accepts many spellings of one query; a small model that is unsure
 * of a name otherwise escapes into them (`"conceRT"`, `FROM"s"`) instead of choosing a real table.
 * Words are checked case-sensitively outside string literals; the inner constraint checks the grammar.
 *
 * <p>A word being typed must also complete to a canonical word that the inner constraint accepts
 * there. The inner grammar compares names ignoring case, so on its own `FROM charge` passed both
 * (the grammar: a prefix of the table `Charges`; this class: a prefix of the column `charge_type`)
 * and left a dead end that greedy decoding ended in (127 of the 1,034 Spider dev answers of the
 * shipped model ended so, e.g. `SELECT COUNT(*) FROM Model`).
 */
public final class CanonicalSpelling implements TokenConstraint {
    private final TokenConstraint inner;
    /** Every word a canonical query may contain, in exact case, sorted for prefix look-ups. */
    private final NavigableSet<String> words = new TreeSet<>();

    public CanonicalSpelling(TokenConstraint inner, DatabaseSchema schema) {
        this.inner = inner;
        for (String k : Tok.KEYWORDS) words.add(k.toUpperCase(Locale.ROOT));
        for (String f : SqlGrammar.AGGREGATES) words.add(f.toUpperCase(Locale.ROOT));
        for (String f : SqlGrammar.SCALARS) words.add(f.toUpperCase(Locale.ROOT));
        for (Table t : schema.tables()) {
            words.add(t.name());
            for (Column c : t.columns()) words.add(c.name());
        }
    }

    @Override public ConstraintState initial() {
        return new State(inner.initial(), false, "", ' ');
    }

    boolean isWordPrefix(String w) {
        if (w.isEmpty() || Character.isDigit(w.charAt(0)) || alias(w, true)) return true;
        String next = words.ceiling(w);
        return next != null && next.startsWith(w);
    }

    boolean isWord(String w) {
        return Character.isDigit(w.charAt(0)) || alias(w, false) || words.contains(w);
    }

    /**
     * Whether the partial word w, whose characters {@code inner} has read, completes to a canonical
     * word the inner constraint accepts whole (the space ends the word; any character ending it would
     * leave the grammar in the same state).
     */
    private boolean completes(ConstraintState inner, String w) {
        if (Character.isDigit(w.charAt(0))) return true;
        if (w.equals("T")) {
            for (char d = '1'; d <= '9'; d++) if (inner.advance(d + " ") != null) return true;
        } else if (alias(w, false) && inner.advance(" ") != null) {
            return true;
        }
        for (String word : words.subSet(w, true, w + Character.MAX_VALUE, false)) {
            if (inner.advance(word.substring(w.length()) + " ") != null) return true;
        }
        return false;
    }

    /** T followed by digits (a prefix may stop at the T). */
    private static boolean alias(String w, boolean prefix) {
        if (w.charAt(0) != 'T') return false;
        if (w.length() == 1) return prefix;
        for (int i = 1; i < w.length(); i++) if (!Character.isDigit(w.charAt(i))) return false;
        return true;
    }

    private static boolean wordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** inString: inside a '...' literal; word: the unfinished word at the end; last: the last character. */
    private final class State implements ConstraintState {
        private final ConstraintState inner;
        private final boolean inString;
        private final String word;
        private final char last;

        State(ConstraintState inner, boolean inString, String word, char last) {
            this.inner = inner;
            this.inString = inString;
            this.word = word;
            this.last = last;
        }

        @Override public ConstraintState advance(String text) {
            boolean str = inString;
            StringBuilder w = new StringBuilder(word);
            char prev = last;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (str) {
                    if (c == '\'') str = false;
                } else if (wordChar(c)) {
                    w.append(c);
                } else {
                    if (!w.isEmpty() && !isWord(w.toString())) return null;
                    w.setLength(0);
                    if (c == '"' || c == '`' || c == '[' || c == '\t' || c == '\n' || c == '\r' || (c == ' ' && prev == ' ')) return null;
                    if (c == '\'') str = true;
                }
                prev = c;
            }
            if (!w.isEmpty() && !isWordPrefix(w.toString())) return null;
            ConstraintState next = inner.advance(text);
            if (next == null || (!w.isEmpty() && !completes(next, w.toString()))) return null;
            return new State(next, str, w.toString(), prev);
        }

        @Override public double linkPotential() {
            return inner.linkPotential();
        }

        @Override public double linkRise() {
            return inner.linkRise();
        }

        @Override public boolean canEnd() {
            return !inString && (word.isEmpty() || isWord(word)) && inner.canEnd();
        }
    }
}
