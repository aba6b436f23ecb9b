package dev.vantage.evaluation.execution;

import java.util.List;

/**
 * Rows read back from a query. Values are as the driver gives them, with SQLite integers always as
 * {@link Long}: Long, Double, String, byte[] or null (other drivers may add their own types, e.g.
 * DuckDB's BigDecimal for DECIMAL; its HUGEINT comes back as Long when it fits).
 */
public record QueryResult(List<String> columns, List<List<Object>> rows) {
    public QueryResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }
}
