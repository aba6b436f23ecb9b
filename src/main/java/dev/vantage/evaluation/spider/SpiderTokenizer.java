package dev.vantage.evaluation.spider;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Splits SQL into the lower-cased tokens the official Spider parser works on (process_sql.tokenize):
 * single quotes become double quotes, each quoted span becomes one token kept verbatim, the rest goes
 * through the rules of NLTK's improved Treebank word tokenizer (which is what the official script
 * applies, and whose quirks decide what parses: e.g. {@code a=b} stays one token), and a lone
 * {@code !}, {@code >} or {@code <} before {@code =} is merged back into one operator.
 *
 * <p>NLTK first splits the text into sentences with Punkt; SQL with its string values taken out has
 * no sentence breaks Punkt would find in practice, so that step is left out (see docs/EVALUATION.md).
 */
public final class SpiderTokenizer {
    private static final int U = Pattern.UNICODE_CHARACTER_CLASS;

    private record Rule(Pattern pattern, String replacement) {
        String apply(String text) {
            ParseBudget.check();
            return pattern.matcher(text).replaceAll(replacement);
        }
    }

    private static Rule rule(String regex, String replacement) {
        return new Rule(Pattern.compile(regex, U), replacement);
    }

    private static Rule ignoreCase(String regex, String replacement) {
        return new Rule(Pattern.compile(regex, U | Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), replacement);
    }

    /** The Treebank rules in NLTK's order: starting quotes, punctuation, brackets, dashes, ending quotes, contractions. */
    private static final List<Rule> STARTING_QUOTES = List.of(
            rule("([«“‘„]|[`]+)", " $1 "),
            rule("^\"", "``"),
            rule("(``)", " $1 "),
            rule("([ (\\[{<])(\"|'{2})", "$1 `` "),
            ignoreCase("(')(?!re|ve|ll|m|t|s|d|n)(\\w)\\b", "$1 $2"));
    /** Rules before and after NLTK's two final-period rules, which {@link #finalPeriod} applies. */
    private static final List<Rule> PUNCTUATION_1 = List.of(
            rule("([:,])([^\\d])", " $1 $2"),
            rule("([:,])$", " $1 "),
            rule("\\.{2,}", " $0 "),
            rule("[;@#\\$%&]", " $0 "));
    private static final List<Rule> PUNCTUATION_2 = List.of(
            rule("[?!]", " $0 "),
            rule("([^'])' ", "$1 ' "),
            rule("[*]", " $0 "));
    /** Closing characters NLTK allows after a final period, in its first and its second rule. */
    private static final String CLOSERS_1 = "])}>\"'»”’ ";
    private static final String CLOSERS_2 = "])}>\"'";
    private static final Pattern SPACE = Pattern.compile("\\s", U);
    private static final Rule PARENS_BRACKETS = rule("[\\]\\[(){}<>]", " $0 ");
    private static final Rule DOUBLE_DASHES = rule("--", " -- ");
    private static final List<Rule> ENDING_QUOTES = List.of(
            rule("([»”’])", " $1 "),
            rule("''", " '' "),
            rule("\"", " '' "),
            rule("([^' ])('[sS]|'[mM]|'[dD]|') ", "$1 $2 "),
            rule("([^' ])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", "$1 $2 "));
    private static final List<Rule> CONTRACTIONS = List.of(
            ignoreCase("\\b(can)(not)\\b", " $1 $2 "),
            ignoreCase("\\b(d)('ye)\\b", " $1 $2 "),
            ignoreCase("\\b(gim)(me)\\b", " $1 $2 "),
            ignoreCase("\\b(gon)(na)\\b", " $1 $2 "),
            ignoreCase("\\b(got)(ta)\\b", " $1 $2 "),
            ignoreCase("\\b(lem)(me)\\b", " $1 $2 "),
            ignoreCase("\\b(more)('n)\\b", " $1 $2 "),
            ignoreCase("\\b(wan)(na)(?=\\s)", " $1 $2 "),
            ignoreCase(" ('t)(is)\\b", " $1 $2 "),
            ignoreCase(" ('t)(was)\\b", " $1 $2 "));
    private static final Pattern WHITESPACE = Pattern.compile("\\s+", U);

    private SpiderTokenizer() {
    }

    /** Tokens as process_sql.tokenize yields them; throws when quotes are unbalanced, as it does. */
    public static List<String> tokenize(String sql) throws SpiderParseException {
        String text = sql.replace('\'', '"');
        List<Integer> quotes = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            ParseBudget.tick();
            if (text.charAt(i) == '"') {
                quotes.add(i);
            }
        }
        if (quotes.size() % 2 != 0) {
            throw new SpiderParseException("Unexpected quote");
        }
        // Each quoted span becomes a key named by its offsets (the official code replaces them from the
        // last one backwards, so the offsets are those of the original text); built in one pass.
        Map<String, String> values = new HashMap<>();
        StringBuilder replaced = new StringBuilder(text.length());
        int copied = 0;
        for (int i = 0; i < quotes.size(); i += 2) {
            int open = quotes.get(i);
            int close = quotes.get(i + 1);
            String key = "__val_" + open + "_" + close + "__";
            values.put(key, text.substring(open, close + 1));
            replaced.append(text, copied, open).append(key);
            copied = close + 1;
        }
        text = replaced.append(text, copied, text.length()).toString();
        List<String> tokens = new ArrayList<>();
        for (String word : wordTokenize(text)) {
            ParseBudget.tick();
            String lower = word.toLowerCase(Locale.ROOT);
            tokens.add(values.getOrDefault(lower, lower));
        }
        return mergeComparisonOperators(tokens);
    }

    /** NLTK's word_tokenize on one line of text. */
    static List<String> wordTokenize(String text) {
        for (Rule rule : STARTING_QUOTES) {
            text = rule.apply(text);
        }
        text = finalPeriod(text, CLOSERS_1, " . ", " ");
        for (Rule rule : PUNCTUATION_1) {
            text = rule.apply(text);
        }
        text = finalPeriod(text, CLOSERS_2, " .", " ");
        for (Rule rule : PUNCTUATION_2) {
            text = rule.apply(text);
        }
        text = PARENS_BRACKETS.apply(text);
        text = DOUBLE_DASHES.apply(text);
        text = " " + text + " ";
        for (Rule rule : ENDING_QUOTES) {
            text = rule.apply(text);
        }
        for (Rule rule : CONTRACTIONS) {
            text = rule.apply(text);
        }
        List<String> words = new ArrayList<>();
        for (String word : WHITESPACE.split(text)) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    /**
     * NLTK's {@code ([^.])(\.)([closers]*)\s*$} rule without a regex, whose backtracking is quadratic
     * in a long run of spaces: the period can only be the character before the longest suffix made of
     * closers and whitespace; the closers kept are the longest run of them after the period such that
     * only whitespace follows (what the greedy regex keeps); the trailing whitespace is dropped.
     */
    static String finalPeriod(String text, String closers, String period, String after) {
        int n = text.length();
        int k = n;
        while (k > 0 && (closers.indexOf(text.charAt(k - 1)) >= 0 || isSpace(text.charAt(k - 1)))) {
            k--;
        }
        int dot = k - 1;
        if (dot < 1 || text.charAt(dot) != '.' || text.charAt(dot - 1) == '.') {
            return text;
        }
        int c = k;
        while (c < n && closers.indexOf(text.charAt(c)) >= 0) {
            c++;
        }
        int w = n;
        while (w > k && isSpace(text.charAt(w - 1))) {
            w--;
        }
        if (c < w) {
            return text;
        }
        return text.substring(0, dot) + period + text.substring(k, c) + after;
    }

    private static final boolean[] ASCII_SPACE = new boolean[128];

    static {
        for (char ch = 0; ch < 128; ch++) {
            ASCII_SPACE[ch] = SPACE.matcher(String.valueOf(ch)).matches();
        }
    }

    private static boolean isSpace(char ch) {
        return ch < 128 ? ASCII_SPACE[ch] : SPACE.matcher(String.valueOf(ch)).matches();
    }

    /** "!" "=" becomes "!=" (likewise for > and <), scanning "=" from the last one as the official code does. */
    private static List<String> mergeComparisonOperators(List<String> tokens) {
        // Every "=" after the first token merges with an operator just before it; these merges never
        // touch each other (the token before such an "=" is not "="), so one forward pass does them all.
        int n = tokens.size();
        List<String> merged = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String token = tokens.get(i);
            if (i + 1 < n && tokens.get(i + 1).equals("=") && isOperatorHalf(token)) {
                merged.add(token + "=");
                i++;
            } else {
                merged.add(token);
            }
        }
        // The official loop handles the first token last: Python's toks[eq - 1] is then the last token.
        if (n > 0 && tokens.getFirst().equals("=") && isOperatorHalf(merged.getLast())) {
            String previous = merged.getLast();
            List<String> next = new ArrayList<>(merged.subList(0, merged.size() - 1));
            next.add(previous + "=");
            next.addAll(merged.subList(1, merged.size()));
            merged = next;
        }
        return merged;
    }

    private static boolean isOperatorHalf(String token) {
        return token.equals("!") || token.equals(">") || token.equals("<");
    }
}
