package dev.vantage.evaluation.execution;

import java.util.Locale;
import java.util.Set;

/**
 * The part of untrusted-SQL safety that the database engine cannot do itself: a clear reason for what
 * is refused, and exactly one statement (SQLite's prepare would silently ignore the rest of a line, and
 * other drivers might run it).
 *
 * <p>Everything else is the engine's job: the connections are read-only at open, {@code query_only} is
 * on, ATTACH and extension loading are off (see {@link SqliteConnector}, {@link JdbcUrlConnector}). So
 * the guard no longer parses SQL: it scans it once with SQLite's lexical rules (strings, quoted
 * identifiers {@code "x"}, {@code `x`}, {@code [x]}, comments), in time linear in its length and with no
 * recursion, so no input can make it slow, deep or crash. It then refuses, with the keyword in the
 * message, a statement that does not start as a query ({@code SELECT}, {@code VALUES}, {@code WITH}, and
 * DuckDB's {@code FROM}), a {@code WITH} whose main statement is not a query, and more than one
 * statement. Anything else, including SQL the engine will reject, goes to the engine, which accepts
 * every read-only statement it can run ({@code ==}, {@code GLOB}, {@code IS 1}, {@code x NOT NULL},
 * window frames, {@code [Name]}, {@code INDEXED BY}, ...).
 */
public final class ReadOnlyQueryGuard {
    private static final Set<String> QUERY_STARTS = Set.of("SELECT", "VALUES", "WITH", "FROM");
    private static final Set<String> MAIN_KEYWORDS = Set.of("SELECT", "VALUES", "FROM", "INSERT", "UPDATE",
            "DELETE", "REPLACE", "MERGE", "UPSERT");

    /** Returns normally if the statement may go to the engine; throws naming what is not allowed. */
    public void check(String sql) throws UnsafeQueryException {
        if (sql == null) {
            throw new UnsafeQueryException("empty query");
        }
        Scan scan = scan(sql);
        if (scan.statements == 0) {
            throw new UnsafeQueryException("empty query");
        }
        if (scan.statements > 1) {
            throw new UnsafeQueryException("exactly one statement allowed, found " + scan.statements);
        }
        if (scan.firstWord != null && !QUERY_STARTS.contains(scan.firstWord)) {
            throw new UnsafeQueryException("only queries are allowed, found " + scan.firstWord);
        }
        if ("WITH".equals(scan.firstWord) && scan.mainWord != null && !QUERY_STARTS.contains(scan.mainWord)) {
            throw new UnsafeQueryException("only queries are allowed, found WITH ... " + scan.mainWord);
        }
    }

    /** Number of statements (non-empty pieces between top-level semicolons) in {@code sql}. */
    public static int statementCount(String sql) {
        return sql == null ? 0 : scan(sql).statements;
    }

    /** What one pass over the text found. */
    private static final class Scan {
        int statements;
        /** First word of the first statement, upper-cased, or null if it starts with something else. */
        String firstWord;
        /** In a WITH statement: the first word outside parentheses that starts a statement body. */
        String mainWord;
    }

    private static Scan scan(String s) {
        Scan scan = new Scan();
        int n = s.length();
        int i = 0;
        int depth = 0;
        boolean inStatement = false; // the current statement has a token
        while (i < n) {
            char c = s.charAt(i);
            int end;
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
                int newline = s.indexOf('\n', i + 2);
                i = newline < 0 ? n : newline + 1;
                continue;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int close = s.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2; // SQLite: an unterminated comment runs to the end
                continue;
            } else if (c == ';') {
                if (inStatement) {
                    inStatement = false;
                    depth = 0;
                }
                i++;
                continue;
            }
            boolean firstToken = !inStatement;
            if (firstToken) {
                inStatement = true;
                scan.statements++;
                depth = 0;
            }
            if (c == '\'' || c == '"' || c == '`') {
                end = quotedEnd(s, i, c);
            } else if (c == '[') {
                int close = s.indexOf(']', i + 1);
                end = close < 0 ? n : close + 1;
            } else if (isWordStart(c)) {
                end = i + 1;
                while (end < n && isWordPart(s.charAt(end))) {
                    end++;
                }
                if (end < n && s.charAt(end) == '\'' && end - i == 1 && (c == 'x' || c == 'X')) {
                    end = quotedEnd(s, end, '\''); // blob literal x'00'
                } else if (scan.statements == 1 && (firstToken || wantsMainWord(scan, depth))) {
                    noteWord(scan, s.substring(i, end).toUpperCase(Locale.ROOT), firstToken, depth);
                }
            } else {
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                }
                end = i + 1;
            }
            i = end;
        }
        return scan;
    }

    private static boolean wantsMainWord(Scan scan, int depth) {
        return depth == 0 && scan.mainWord == null && "WITH".equals(scan.firstWord);
    }

    private static void noteWord(Scan scan, String word, boolean firstToken, int depth) {
        if (firstToken) {
            scan.firstWord = word;
        } else if ("WITH".equals(scan.firstWord) && scan.mainWord == null && depth == 0 && MAIN_KEYWORDS.contains(word)) {
            scan.mainWord = word;
        }
    }

    /** End of a quoted token whose doubled quote is an escape; an unterminated one runs to the end. */
    private static int quotedEnd(String s, int start, char quote) {
        int j = start + 1;
        int n = s.length();
        while (j < n) {
            int close = s.indexOf(quote, j);
            if (close < 0) {
                return n;
            }
            if (close + 1 < n && s.charAt(close + 1) == quote) {
                j = close + 2;
            } else {
                return close + 1;
            }
        }
        return n;
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_' || c >= 0x80;
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c >= 0x80;
    }
}
