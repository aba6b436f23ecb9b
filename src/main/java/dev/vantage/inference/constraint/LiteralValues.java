package dev.vantage.inference.constraint;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The literals a query may contain for one question. A string is a stretch of the question that
 * starts at a word (and ends anywhere: 'cat' for "cats", 'Asia' for "Asian"), a database value (those
 * linked to the question), a yes/no word or an allowed number; compared ignoring case; after LIKE it
 * may be wrapped in {@code %}. A number is one
 * the question states (in digits or as a word: "three", "third", "twice"), one more or one less
 * ("more than one" is written {@code >= 2} as often as {@code > 1}; not after {@code =}, where
 * {@link ValueConstraint} holds it to {@link #statedNumbers}), or 0 or 1.
 *
 * <p>Why: the model fills unconstrained literals with text from its training queries
 * ({@code Name = 'SELECT MAX(...'}, {@code 'EEEEEE'}). Spider's gold literals come from the question
 * or from the database (docs/CONSTRAINED-DECODING.md has the measured share).
 */
public final class LiteralValues {
    /** Flag words that databases hold without the question naming them ("who made the team" is 'yes'; 'null' stands for none). */
    static final java.util.List<String> FLAGS = java.util.List.of("yes", "no", "y", "n", "t", "f", "true", "false", "null");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:,\\d{3})*(?:\\.\\d+)?");
    private static final Pattern WORD = Pattern.compile("[a-z]+");
    private static final Map<String, Integer> NUMBER_WORDS = Map.ofEntries(
            Map.entry("zero", 0), Map.entry("one", 1), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4),
            Map.entry("five", 5), Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9),
            Map.entry("ten", 10), Map.entry("eleven", 11), Map.entry("twelve", 12), Map.entry("fifteen", 15),
            Map.entry("twenty", 20), Map.entry("thirty", 30), Map.entry("fifty", 50), Map.entry("hundred", 100),
            Map.entry("thousand", 1000), Map.entry("million", 1_000_000), Map.entry("first", 1), Map.entry("second", 2),
            Map.entry("third", 3), Map.entry("fourth", 4), Map.entry("fifth", 5), Map.entry("sixth", 6),
            Map.entry("seventh", 7), Map.entry("eighth", 8), Map.entry("ninth", 9), Map.entry("tenth", 10),
            Map.entry("once", 1), Map.entry("twice", 2), Map.entry("thrice", 3), Map.entry("single", 1),
            Map.entry("both", 2), Map.entry("dozen", 12));

    /** The question in lower case, and where its words start. */
    private final String question;
    private final int[] wordStarts;
    /** Whole string values besides question spans, in lower case, sorted for prefix look-ups. */
    private final NavigableSet<String> values = new TreeSet<>();
    /** The database values as the database spells them, for {@link #linkedValuePrefix}; sorted for prefix look-ups. */
    private final NavigableSet<String> linked = new TreeSet<>();
    /** Allowed numbers as written in a query, sorted for prefix look-ups. */
    private final NavigableSet<String> numbers = new TreeSet<>();
    /** {@link #statedNegatives}. */
    private final NavigableSet<String> negatives = new TreeSet<>();
    /** {@link #statedNumbers}. */
    private final NavigableSet<String> stated = new TreeSet<>(java.util.List.of("0", "1"));

    /**
     * @param dbValues database values the string literals may also be (e.g. those linked to the question);
     *                 empty when no database is at hand
     */
    public LiteralValues(String question, Collection<String> dbValues) {
        this.question = lower(question);
        this.wordStarts = wordStarts(this.question);
        for (String v : dbValues) if (!v.isEmpty()) { values.add(lower(v)); linked.add(v); }
        values.addAll(FLAGS);
        numbers.add("0");
        numbers.add("1");
        Matcher m = NUMBER.matcher(this.question);
        while (m.find()) {
            String n = m.group().replace(",", "");
            addNumber(n);
            if (m.start() > 0 && this.question.charAt(m.start() - 1) == '-') negatives.add(n);
        }
        Matcher w = WORD.matcher(this.question);
        while (w.find()) {
            Integer n = NUMBER_WORDS.get(w.group());
            if (n != null) addNumber(Integer.toString(n));
        }
    }

    /** The numbers the question states (digits and number words, no neighbours), and 0 and 1, sorted. */
    public java.util.NavigableSet<String> statedNumbers() {
        return stated;
    }

    /**
     * The numbers the question states with a minus sign ("between -50 and 50"), without it: the only
     * ones a sign may precede. Spider's gold signs a number in 2 of 8,034 queries, both stated so; the
     * model's {@code FlightNo = -0} slipped past the rules for numbers after {@code =}.
     */
    public java.util.NavigableSet<String> statedNegatives() {
        return negatives;
    }

    private void addNumber(String n) {
        numbers.add(n);
        stated.add(n);
        if (n.indexOf('.') >= 0 || n.length() > 12) return;
        long v = Long.parseLong(n);
        stated.add(Long.toString(v));
        numbers.add(Long.toString(v));      // "007" is written 7
        numbers.add(Long.toString(v + 1));
        if (v > 0) numbers.add(Long.toString(v - 1));
    }

    /** Whether a string literal's content so far (quotes undone, any case) can still become allowed. */
    public boolean stringPrefixOk(String content, boolean afterLike) {
        String c = lower(content);
        if (afterLike && c.startsWith("%")) c = c.substring(1);
        int pct = afterLike ? c.indexOf('%') : -1;
        if (pct >= 0) return pct == c.length() - 1 && bodyOk(c.substring(0, pct));
        return bodyPrefixOk(c);
    }

    /** Whether a whole string literal's content (quotes undone, any case) is allowed. */
    public boolean stringOk(String content, boolean afterLike) {
        String c = lower(content);
        if (afterLike && c.startsWith("%")) c = c.substring(1);
        if (afterLike && c.endsWith("%")) c = c.substring(0, c.length() - 1);
        return bodyOk(c);
    }

    /** Whether database values were given (the question links to some). */
    public boolean hasLinkedValues() {
        return !linked.isEmpty();
    }

    /** Whether some database value, spelled exactly as the database does, starts with this string content. */
    public boolean linkedValuePrefix(String content) {
        String next = linked.ceiling(content);
        return next != null && next.startsWith(content);
    }

    /** Whether this string content (a LIKE pattern's % removed) is a database value, spelled exactly as the database does. */
    public boolean linkedValue(String content, boolean afterLike) {
        String c = content;
        if (afterLike && c.startsWith("%")) c = c.substring(1);
        if (afterLike && c.endsWith("%")) c = c.substring(0, c.length() - 1);
        return linked.contains(c);
    }

    /** Whether a number literal typed so far (digits, point, exponent) can still become allowed. */
    public boolean numberPrefixOk(String typed) {
        String next = numbers.ceiling(typed);
        return next != null && next.startsWith(typed);
    }

    public boolean numberOk(String typed) {
        return numbers.contains(typed);
    }

    private boolean bodyPrefixOk(String c) {
        if (inQuestion(c) || numberPrefixOk(c)) return true;
        String next = values.ceiling(c);
        return next != null && next.startsWith(c);
    }

    private boolean bodyOk(String c) {
        return !c.isEmpty() && (inQuestion(c) || values.contains(c) || numbers.contains(c));
    }

    /** Whether c stands in the question from the start of a word on. */
    private boolean inQuestion(String c) {
        for (int s : wordStarts) if (question.startsWith(c, s)) return true;
        return false;
    }

    private static int[] wordStarts(String q) {
        int n = 0;
        int[] starts = new int[q.length()];
        for (int i = 0; i < q.length(); i++) {
            // letters and digits only: no gold literal starts at punctuation, the model's '.' did
            if (wordChar(q.charAt(i)) && (i == 0 || !wordChar(q.charAt(i - 1)))) starts[n++] = i;
        }
        return java.util.Arrays.copyOf(starts, n);
    }

    private static boolean wordChar(char c) {
        return Character.isLetterOrDigit(c);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
