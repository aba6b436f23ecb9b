package dev.vantage.data.schema;

/**
 * How a question mentions a table or column by name: all words of its name (or readable name, or
 * description) in a row, or only some of them. {@code score} is in (0, 1]: 1 for exact, the share of
 * the name's content words found (halved) for partial.
 */
public record NameMatch(Kind kind, double score) {
    public enum Kind { EXACT, PARTIAL }

    public static final NameMatch EXACT = new NameMatch(Kind.EXACT, 1.0);

    public boolean exact() { return kind == Kind.EXACT; }
}
