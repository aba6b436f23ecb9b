package dev.vantage.evaluation.spider;

/**
 * A FROM item: {@code ('table_unit', '__table__')} or {@code ('sql', nested query)}.
 *
 * @param unit a String table id, or a {@link SpiderSql}
 */
public record TableUnit(String type, Object unit) {
    public static final String TABLE = "table_unit";
    public static final String SQL = "sql";

    public boolean isTable() {
        return TABLE.equals(type);
    }
}
