package dev.vantage.evaluation.spider;

import java.util.regex.Pattern;

/**
 * The text rewrites the official test-suite evaluation applies before executing queries, so that the
 * same queries reach the database: {@code " value "} placeholders in predictions become 1, spaced
 * comparison operators are closed up, DISTINCT keywords are removed (unless kept), and
 * {@code YEAR(CURDATE())} becomes 2020.
 *
 * <p>DISTINCT removal goes through sqlparse there, which also keeps only the first statement (up to its
 * semicolon and the whitespace after it); the small lexer here reproduces that: quoted strings,
 * quoted identifiers and comments are left alone, and a bare word DISTINCT is dropped, including inside
 * COUNT(DISTINCT x), as the official script does.
 */
public final class OfficialRewrites {
    private static final Pattern CUR_YEAR =
            Pattern.compile("YEAR\\s*\\(\\s*CURDATE\\s*\\(\\s*\\)\\s*\\)\\s*", Pattern.CASE_INSENSITIVE);

    private OfficialRewrites() {
    }

    /** The evaluation loop's {@code p_str.replace(" value ", " 1 ")}, for predictions only. */
    public static String plugValuePlaceholder(String prediction) {
        return prediction.replace(" value ", " 1 ");
    }

    /** exec_eval.postprocess. */
    public static String closeOperators(String query) {
        return query.replace("> =", ">=").replace("< =", "<=").replace("! =", "!=");
    }

    /** exec_eval.replace_cur_year. */
    public static String replaceCurrentYear(String query) {
        return CUR_YEAR.matcher(query).replaceAll("2020");
    }

    /** parse.remove_distinct: the first statement, without DISTINCT words. */
    public static String removeDistinct(String query) {
        StringBuilder out = new StringBuilder();
        int level = 0;
        int i = 0;
        int n = query.length();
        while (i < n) {
            int end = tokenEnd(query, i);
            String token = query.substring(i, end);
            if (token.equals("(")) {
                level++;
            } else if (token.equals(")")) {
                level--;
            }
            if (!token.equalsIgnoreCase("distinct") || isPrefixed(query, i)) {
                out.append(token);
            }
            i = end;
            if (level <= 0 && token.equals(";")) {
                // sqlparse ends the first statement here, keeping the whitespace and line comments after it.
                while (i < n) {
                    int next = tokenEnd(query, i);
                    String t = query.substring(i, next);
                    if (!(t.isBlank() || t.startsWith("--"))) {
                        break;
                    }
                    out.append(t);
                    i = next;
                }
                break;
            }
        }
        return out.toString();
    }

    /** "@distinct", ":distinct", "$distinct", "#distinct" are one token for sqlparse, not a keyword. */
    private static boolean isPrefixed(String query, int start) {
        if (start == 0) {
            return false;
        }
        char before = query.charAt(start - 1);
        return before == '@' || before == ':' || before == '$' || before == '#' || before == '?';
    }

    private static int tokenEnd(String s, int i) {
        char c = s.charAt(i);
        int n = s.length();
        if (Character.isWhitespace(c)) {
            int j = i;
            while (j < n && Character.isWhitespace(s.charAt(j))) {
                j++;
            }
            return j;
        }
        if (s.startsWith("--", i)) {
            int newline = s.indexOf('\n', i);
            return newline < 0 ? n : newline + 1;
        }
        if (s.startsWith("/*", i)) {
            int close = s.indexOf("*/", i + 2);
            return close < 0 ? i + 1 : close + 2;
        }
        if (c == '\'' || c == '"') {
            return quotedEnd(s, i, c, true);
        }
        if (c == '`') {
            return quotedEnd(s, i, c, false);
        }
        if (c == '[' && (i == 0 || !(isWordChar(s.charAt(i - 1)) || s.charAt(i - 1) == ']' || s.charAt(i - 1) == ')'))) {
            int close = s.indexOf(']', i + 1);
            int nested = s.indexOf('[', i + 1);
            if (close > i + 1 && (nested < 0 || nested > close)) {
                return close + 1;
            }
            return i + 1;
        }
        if (isWordChar(c)) {
            int j = i;
            while (j < n && (isWordChar(s.charAt(j)) || s.charAt(j) == '$' || s.charAt(j) == '#')) {
                j++;
            }
            return j;
        }
        return i + 1;
    }

    /** A quoted span with doubled-quote (and, for ' and ", backslash) escapes; unterminated: just the quote. */
    private static int quotedEnd(String s, int start, char quote, boolean backslashEscapes) {
        int j = start + 1;
        while (j < s.length()) {
            char c = s.charAt(j);
            if (backslashEscapes && c == '\\' && j + 1 < s.length()
                    && (s.charAt(j + 1) == '\\' || s.charAt(j + 1) == quote)) {
                j += 2;
            } else if (c == quote && j + 1 < s.length() && s.charAt(j + 1) == quote) {
                j += 2;
            } else if (c == quote) {
                return j + 1;
            } else {
                j++;
            }
        }
        return start + 1;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
