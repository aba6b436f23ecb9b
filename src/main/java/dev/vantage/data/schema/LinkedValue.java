package dev.vantage.data.schema;

/**
 * A cell value of {@code table.column}, spelled as in the database, that matches part of a question.
 *
 * @param score 1.0 for an exact (case- and punctuation-insensitive) match, lower for fuzzy ones
 */
public record LinkedValue(String table, String column, String value, double score) {}
