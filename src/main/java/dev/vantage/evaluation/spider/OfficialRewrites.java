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
        Lexer lexer = new Lexer(query);
        StringBuilder out = new StringBuilder();
        int level = 0;
        int i = 0;
        int n = query.length();
        while (i < n) {
            int end = lexer.tokenEnd(i);
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
                    int next = lexer.tokenEnd(i);
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

    /**
     * sqlparse's tokens, found in time linear in the text: searches that failed once (an unterminated
     * quote, bracket or comment) are not repeated from every later position; their answers are kept.
     */
    private static final class Lexer {
        private final String s;
        private final int n;
        private final int[][] quoteEnds = new int[3][]; // per quote kind, built the first time one is unterminated
        private int bracketFrom = -1;
        private int bracketAt;
        private int openFrom = -1;
        private int openAt;
        private int commentFrom = -1;
        private int commentAt;

        Lexer(String s) {
            this.s = s;
            this.n = s.length();
        }

        int tokenEnd(int i) {
            char c = s.charAt(i);
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
                int close = commentClose(i + 2);
                return close < 0 ? i + 1 : close + 2;
            }
            if (c == '\'' || c == '"') {
                return quotedEnd(i, c, true);
            }
            if (c == '`') {
                return quotedEnd(i, c, false);
            }
            if (c == '[' && (i == 0 || !(isWordChar(s.charAt(i - 1)) || s.charAt(i - 1) == ']' || s.charAt(i - 1) == ')'))) {
                int close = nextBracket(i + 1);
                int nested = nextOpen(i + 1);
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

        /** First "]" at or after {@code from}; searches only past the last answer when that is still ahead. */
        private int nextBracket(int from) {
            if (bracketFrom < 0 || from < bracketFrom || (bracketAt >= 0 && bracketAt < from)) {
                bracketFrom = from;
                bracketAt = s.indexOf(']', from);
            }
            return bracketAt;
        }

        private int nextOpen(int from) {
            if (openFrom < 0 || from < openFrom || (openAt >= 0 && openAt < from)) {
                openFrom = from;
                openAt = s.indexOf('[', from);
            }
            return openAt;
        }

        private int commentClose(int from) {
            if (commentFrom < 0 || from < commentFrom || (commentAt >= 0 && commentAt < from)) {
                commentFrom = from;
                commentAt = s.indexOf("*/", from);
            }
            return commentAt;
        }

        /** A quoted span with doubled-quote (and, for ' and ", backslash) escapes; unterminated: just the quote. */
        private int quotedEnd(int start, char quote, boolean backslashEscapes) {
            int kind = quote == '\'' ? 0 : quote == '"' ? 1 : 2;
            if (quoteEnds[kind] == null) {
                int end = scanQuoted(start + 1, quote, backslashEscapes);
                if (end >= 0) {
                    return end;
                }
                quoteEnds[kind] = quoteEndTable(quote, backslashEscapes);
            }
            int end = start + 1 < n ? quoteEnds[kind][start + 1] : -1;
            return end >= 0 ? end : start + 1;
        }

        private int scanQuoted(int j, char quote, boolean backslashEscapes) {
            while (j < n) {
                char c = s.charAt(j);
                if (backslashEscapes && c == '\\' && j + 1 < n && (s.charAt(j + 1) == '\\' || s.charAt(j + 1) == quote)) {
                    j += 2;
                } else if (c == quote && j + 1 < n && s.charAt(j + 1) == quote) {
                    j += 2;
                } else if (c == quote) {
                    return j + 1;
                } else {
                    j++;
                }
            }
            return -1;
        }

        /** For every position, where a scan inside a quoted span starting there ends (-1: unterminated). */
        private int[] quoteEndTable(char quote, boolean backslashEscapes) {
            int[] end = new int[n + 2];
            end[n] = -1;
            end[n + 1] = -1;
            for (int j = n - 1; j >= 0; j--) {
                char c = s.charAt(j);
                if (backslashEscapes && c == '\\' && j + 1 < n && (s.charAt(j + 1) == '\\' || s.charAt(j + 1) == quote)) {
                    end[j] = end[j + 2];
                } else if (c == quote && j + 1 < n && s.charAt(j + 1) == quote) {
                    end[j] = end[j + 2];
                } else if (c == quote) {
                    end[j] = j + 1;
                } else {
                    end[j] = end[j + 1];
                }
            }
            return end;
        }
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
