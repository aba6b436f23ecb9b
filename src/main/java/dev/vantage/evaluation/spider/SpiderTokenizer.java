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
    private static final List<Rule> PUNCTUATION = List.of(
            rule("([^.])(\\.)([\\])}>\"'»”’ ]*)\\s*$", "$1 $2 $3 "),
            rule("([:,])([^\\d])", " $1 $2"),
            rule("([:,])$", " $1 "),
            rule("\\.{2,}", " $0 "),
            rule("[;@#\\$%&]", " $0 "),
            rule("([^.])(\\.)([\\])}>\"']*)\\s*$", "$1 $2$3 "),
            rule("[?!]", " $0 "),
            rule("([^'])' ", "$1 ' "),
            rule("[*]", " $0 "));
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
            if (text.charAt(i) == '"') {
                quotes.add(i);
            }
        }
        if (quotes.size() % 2 != 0) {
            throw new SpiderParseException("Unexpected quote");
        }
        // Replace quoted spans from the last one backwards so earlier offsets stay valid.
        Map<String, String> values = new HashMap<>();
        for (int i = quotes.size() - 1; i >= 0; i -= 2) {
            int open = quotes.get(i - 1);
            int close = quotes.get(i);
            String key = "__val_" + open + "_" + close + "__";
            values.put(key, text.substring(open, close + 1));
            text = text.substring(0, open) + key + text.substring(close + 1);
        }
        List<String> tokens = new ArrayList<>();
        for (String word : wordTokenize(text)) {
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
        for (Rule rule : PUNCTUATION) {
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

    /** "!" "=" becomes "!=" (likewise for > and <), scanning "=" from the last one as the official code does. */
    private static List<String> mergeComparisonOperators(List<String> tokens) {
        List<Integer> equals = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).equals("=")) {
                equals.add(i);
            }
        }
        List<String> merged = new ArrayList<>(tokens);
        for (int k = equals.size() - 1; k >= 0; k--) {
            int eq = equals.get(k);
            // Python's toks[eq - 1] reads the last token when "=" comes first.
            String previous = eq == 0 ? merged.getLast() : merged.get(eq - 1);
            if (previous.equals("!") || previous.equals(">") || previous.equals("<")) {
                // and toks[:eq - 1] is then toks[:-1]: everything but the last token.
                List<String> next = new ArrayList<>(merged.subList(0, eq == 0 ? merged.size() - 1 : eq - 1));
                next.add(previous + "=");
                next.addAll(merged.subList(eq + 1, merged.size()));
                merged = next;
            }
        }
        return merged;
    }
}
