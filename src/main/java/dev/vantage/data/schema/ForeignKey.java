package dev.vantage.data.schema;

/** {@code fromTable.fromColumn} references {@code toTable.toColumn}. */
public record ForeignKey(String fromTable, String fromColumn, String toTable, String toColumn) {}
