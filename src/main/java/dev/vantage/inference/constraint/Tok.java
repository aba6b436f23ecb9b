package dev.vantage.inference.constraint;

import java.util.HashMap;
import java.util.Map;

/**
 * One lexical token as the parser sees it. A word carries its lower-case text and its keyword
 * number (-1 for an identifier or a quoted name); a word with {@code prefix} set is a word still being
 * typed, which the parser only tests ("could some word starting so be accepted here?").
 */
final class Tok {
    static final int WORD = 0, NUM = 1, STR = 2, LP = 3, RP = 4, COMMA = 5, DOT = 6, STAR = 7, PLUS = 8,
            MINUS = 9, ARITH = 10, CMP = 11, SEMI = 12, EOF = 13;

    // Keywords: reserved words of SQLite that the grammar uses or that cannot be bare identifiers.
    static final int SELECT = 0, FROM = 1, WHERE = 2, GROUP = 3, ORDER = 4, BY = 5, HAVING = 6, LIMIT = 7,
            OFFSET = 8, JOIN = 9, ON = 10, AS = 11, AND = 12, OR = 13, NOT = 14, IN = 15, IS = 16, NULL = 17,
            LIKE = 18, BETWEEN = 19, UNION = 20, INTERSECT = 21, EXCEPT = 22, DISTINCT = 23, ALL = 24,
            EXISTS = 25, ASC = 26, DESC = 27, INNER = 28, LEFT = 29, CROSS = 30, OUTER = 31, GLOB = 32;
    static final String[] KEYWORDS = {"select", "from", "where", "group", "order", "by", "having", "limit",
            "offset", "join", "on", "as", "and", "or", "not", "in", "is", "null", "like", "between", "union",
            "intersect", "except", "distinct", "all", "exists", "asc", "desc", "inner", "left", "cross", "outer",
            "glob"};
    /** Reserved but not in the grammar: never accepted as bare names (they need quotes). */
    private static final String[] OTHER_RESERVED = {"case", "when", "then", "else", "end", "table", "create",
            "insert", "update", "delete", "values", "right", "natural", "using", "primary", "key", "foreign",
            "references", "default", "check", "unique", "index", "into", "set", "cast", "collate", "escape"};
    static final int RESERVED_OTHER = 100;
    private static final Map<String, Integer> KEYWORD_IDS = new HashMap<>();

    static {
        for (int i = 0; i < KEYWORDS.length; i++) KEYWORD_IDS.put(KEYWORDS[i], i);
        for (String w : OTHER_RESERVED) KEYWORD_IDS.put(w, RESERVED_OTHER);
    }

    static final Tok T_NUM = new Tok(NUM), T_STR = new Tok(STR), T_LP = new Tok(LP), T_RP = new Tok(RP),
            T_COMMA = new Tok(COMMA), T_DOT = new Tok(DOT), T_STAR = new Tok(STAR), T_PLUS = new Tok(PLUS),
            T_MINUS = new Tok(MINUS), T_ARITH = new Tok(ARITH), T_CMP = new Tok(CMP), T_SEMI = new Tok(SEMI),
            T_EOF = new Tok(EOF);
    /** The comparison that starts with '=' (= or ==): the other comparisons are {@link #T_CMP}. */
    static final Tok T_EQ = new Tok(CMP, "=", -1, false, false);

    final int type;
    final String w;
    final int kw;
    final boolean prefix;
    final boolean quoted;

    private Tok(int type) {
        this(type, null, -1, false, false);
    }

    private Tok(int type, String w, int kw, boolean prefix, boolean quoted) {
        this.type = type;
        this.w = w;
        this.kw = kw;
        this.prefix = prefix;
        this.quoted = quoted;
    }

    /** A whole or partial word, already in lower case. */
    static Tok word(String lower, boolean prefix, boolean quoted) {
        int kw = quoted || prefix ? -1 : KEYWORD_IDS.getOrDefault(lower, -1);
        return new Tok(WORD, lower, kw, prefix, quoted);
    }

    static boolean isReserved(String lower) {
        return KEYWORD_IDS.containsKey(lower);
    }

    /** This token is keyword {@code k} (or, for a partial word, could still become it). */
    boolean is(int k) {
        if (type != WORD || quoted) return false;
        return prefix ? KEYWORDS[k].startsWith(w) : kw == k;
    }

    /** A name: a bare word that is not reserved, or a quoted name (partial words always could be). */
    boolean isName() {
        return type == WORD && (quoted || prefix || kw < 0);
    }

    @Override public String toString() {
        return type == WORD ? (prefix ? w + "…" : w) : "tok" + type;
    }
}
