package dev.vantage.data.sql;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Canonical spelling of string literals and identifiers. */
public final class SqlLiterals {
    private static final Pattern PLAIN_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Words that cannot stand as bare identifiers in SQLite or JSqlParser. */
    private static final Set<String> RESERVED = Set.of(
            "select", "from", "where", "group", "order", "by", "having", "limit", "offset", "join", "on", "as", "and",
            "or", "not", "in", "is", "null", "like", "between", "union", "intersect", "except", "distinct", "all",
            "case", "when", "then", "else", "end", "exists", "table", "create", "insert", "update", "delete", "values",
            "left", "right", "inner", "outer", "cross", "natural", "using", "primary", "key", "foreign", "references",
            "default", "check", "unique", "index", "into", "set", "asc", "desc", "cast", "collate", "escape", "glob");

    private SqlLiterals() {}

    /** {@code it's} → {@code 'it''s'}. */
    public static String string(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** The name bare when it can be, else in double quotes. */
    public static String identifier(String name) {
        if (PLAIN_IDENTIFIER.matcher(name).matches() && !RESERVED.contains(name.toLowerCase(Locale.ROOT))) return name;
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** Strips one level of {@code "..."}, {@code `...`} or {@code [...]}. */
    public static String unquote(String name) {
        if (name == null || name.length() < 2) return name;
        char a = name.charAt(0), b = name.charAt(name.length() - 1);
        if ((a == '"' && b == '"') || (a == '`' && b == '`')) return name.substring(1, name.length() - 1).replace("" + a + a, "" + a);
        if (a == '[' && b == ']') return name.substring(1, name.length() - 1);
        return name;
    }

    public static boolean isDoubleQuoted(String name) {
        return name != null && name.length() >= 2 && name.charAt(0) == '"' && name.charAt(name.length() - 1) == '"';
    }

    public static boolean isQuoted(String name) {
        return !unquote(name).equals(name);
    }
}
