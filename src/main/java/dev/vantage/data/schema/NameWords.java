package dev.vantage.data.schema;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Words of questions and schema names, compared by a crude stem: "Song_release_year" and
 * "songReleaseYear" → [song, release, year]; "singers" and "singer" share the stem "singer".
 * The stemmer only has to treat both sides alike, not be good English.
 */
public final class NameWords {
    /** Words that carry no link on their own ("name of the ..."). */
    static final Set<String> STOPWORDS = Set.of(
            "a", "an", "the", "of", "in", "on", "for", "to", "and", "or", "is", "are", "was", "were", "be", "by", "at",
            "as", "it", "its", "from", "with", "what", "which", "who", "whom", "whose", "how", "many", "much", "all",
            "each", "that", "this", "these", "those", "have", "has", "had", "do", "does", "did", "their", "there",
            "than", "not", "no", "yes", "any", "me", "i", "you", "we", "they", "he", "she", "his", "her", "them",
            "list", "show", "give", "find", "return", "number", "count", "total", "also", "both", "only");

    private NameWords() {}

    /**
     * Lowercased, accent-free words of a name or sentence: snake_case, camelCase and letter-digit
     * boundaries split ("AirportCode" → airport code, "t512" → t 512). A loop rather than regexes:
     * it runs for every name of every schema a question is linked to.
     */
    public static List<String> words(String s) {
        if (s == null || s.isEmpty()) return List.of();
        String text = s.chars().allMatch(c -> c < 128) ? s
                : Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                flush(w, out);
                continue;
            }
            if (!w.isEmpty()) {
                char p = text.charAt(i - 1);
                boolean camel = Character.isLowerCase(p) && Character.isUpperCase(c)
                        || Character.isUpperCase(p) && Character.isUpperCase(c) && i + 1 < n && Character.isLowerCase(text.charAt(i + 1));
                boolean digitEdge = Character.isDigit(p) != Character.isDigit(c);
                if (camel || digitEdge) flush(w, out);
            }
            w.append(Character.toLowerCase(c));
        }
        flush(w, out);
        return out;
    }

    private static void flush(StringBuilder w, List<String> out) {
        if (!w.isEmpty()) out.add(w.toString().toLowerCase(Locale.ROOT));
        w.setLength(0);
    }

    /** The words' stems, in order. */
    public static List<String> stems(String s) {
        return words(s).stream().map(NameWords::stem).toList();
    }

    /** Plural and verb suffixes stripped: singers → singer, countries → country, named/name → nam. */
    public static String stem(String w) {
        if (w.length() < 4 || w.chars().anyMatch(Character::isDigit)) return w;
        String s = w;
        if (s.endsWith("ies") && s.length() > 4) s = s.substring(0, s.length() - 3) + "y";
        else if (s.endsWith("sses") || s.endsWith("ches") || s.endsWith("shes") || s.endsWith("xes")) s = s.substring(0, s.length() - 2);
        else if (s.endsWith("s") && !s.endsWith("ss") && !s.endsWith("us") && !s.endsWith("is")) s = s.substring(0, s.length() - 1);
        if (s.endsWith("ing") && s.length() > 5) s = s.substring(0, s.length() - 3);
        else if (s.endsWith("ed") && s.length() > 4) s = s.substring(0, s.length() - 2);
        if (s.endsWith("e") && s.length() > 3) s = s.substring(0, s.length() - 1);
        return s;
    }

    static boolean isStopword(String word) {
        return STOPWORDS.contains(word);
    }
}
