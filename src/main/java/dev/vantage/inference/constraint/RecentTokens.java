package dev.vantage.inference.constraint;

/**
 * The complete tokens a wrapper constraint's lexer has read, newest first: words and names as
 * written, one character per punctuation mark, {@code '} for a string literal. Shared tails keep a
 * state's copy O(1).
 */
record RecentTokens(String head, RecentTokens tail) {
    /** The i-th newest token (0 = head), or null past the start. */
    static String at(RecentTokens t, int i) {
        for (int k = 0; k < i && t != null; k++) t = t.tail;
        return t == null ? null : t.head;
    }
}
