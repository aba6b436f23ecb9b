package dev.vantage.evaluation.spider;

/**
 * One line of a Spider gold file: {@code SQL<TAB>db_id}.
 *
 * @param line 1-based line number in its file, for messages
 */
public record GoldQuery(int line, String sql, String dbId) {}
