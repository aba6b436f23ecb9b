package dev.vantage.data.augment;

import java.util.Locale;
import java.util.Set;

/** Table and column names as English words: {@code Song_release_year} → "song release year", plurals. */
final class Names {
    private static final Set<String> UNCOUNTABLE = Set.of("people", "staff", "data", "information", "equipment", "personnel",
            "furniture", "music", "media", "news", "series", "species", "police", "aircraft", "faculty", "money");

    private Names() {}

    static String words(String identifier) {
        String s = identifier.replaceAll("([a-z0-9])([A-Z])", "$1 $2") // camelCase
                .replaceAll("([A-Z]+)([A-Z][a-z])", "$1 $2")             // HTMLParser
                .replace('_', ' ').replace('-', ' ').replaceAll("\\s+", " ").trim();
        return s.toLowerCase(Locale.ROOT);
    }

    /** Plural of the last word ("singer in concert" → "singer in concerts"; "countries" stays). */
    static String plural(String words) {
        int sp = words.lastIndexOf(' ');
        String head = sp < 0 ? "" : words.substring(0, sp + 1), last = words.substring(sp + 1);
        return head + pluralWord(singularWord(last));
    }

    /** Singular of the last word ("car makers" → "car maker"), for table names that are plurals. */
    static String singular(String words) {
        int sp = words.lastIndexOf(' ');
        String head = sp < 0 ? "" : words.substring(0, sp + 1), last = words.substring(sp + 1);
        return head + singularWord(last);
    }

    /** "a horsepower", "an age". */
    static String a(String words) {
        return (!words.isEmpty() && "aeiou".indexOf(words.charAt(0)) >= 0 ? "an " : "a ") + words;
    }

    private static String singularWord(String w) {
        if (w.equals("people")) return "person";
        if (UNCOUNTABLE.contains(w) || w.length() < 4) return w;
        if (w.endsWith("ies")) return w.substring(0, w.length() - 3) + "y";
        if (w.endsWith("sses") || w.endsWith("xes") || w.endsWith("ches") || w.endsWith("shes") || w.endsWith("zes")) return w.substring(0, w.length() - 2);
        if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) return w.substring(0, w.length() - 1);
        return w;
    }

    private static String pluralWord(String w) {
        if (w.isEmpty() || UNCOUNTABLE.contains(w)) return w;
        if (w.endsWith("s") || w.endsWith("x") || w.endsWith("z") || w.endsWith("ch") || w.endsWith("sh")) return w + "es";
        if (w.endsWith("y") && w.length() > 1 && "aeiou".indexOf(w.charAt(w.length() - 2)) < 0) return w.substring(0, w.length() - 1) + "ies";
        if (w.equals("person")) return "people";
        if (w.equals("child")) return "children";
        if (w.equals("man")) return "men";
        if (w.equals("woman")) return "women";
        return w + "s";
    }
}
