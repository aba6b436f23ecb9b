package dev.vantage.data.sql;

/**
 * A literal the query compares a column with: {@code table.column op value}.
 *
 * @param value   the literal's value (a LIKE pattern without its leading/trailing {@code %})
 * @param numeric whether the literal is a number
 * @param like    whether the comparison is LIKE
 */
public record ValueSlot(String table, String column, String value, boolean numeric, boolean like) {}
