package dev.vantage.data.sql;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Runs SQL this project trusts straight over JDBC: a dataset's gold queries, their normalized or
 * augmented forms, and the pairs it synthesizes from templates. Not for model output or user input:
 * that goes through {@code evaluation.execution.SafeExecutor} (read-only guard, watchdog, row and byte caps),
 * which this lower layer cannot call.
 */
public final class TrustedSql {
    private TrustedSql() {}

    /** The rows a query returned, compared as a multiset, or as a sequence when the query orders them. */
    public record Rows(List<String> columns, List<List<Object>> rows) {
        /** Same rows, in the same order when {@code ordered}, else as multisets. Column names are not compared. */
        public boolean sameRows(Rows other, boolean ordered) {
            if (rows.size() != other.rows.size()) return false;
            if (ordered) return rows.equals(other.rows);
            return sorted(rows).equals(sorted(other.rows));
        }

        private static List<List<Object>> sorted(List<List<Object>> rows) {
            List<List<Object>> copy = new ArrayList<>(rows);
            copy.sort(Comparator.comparing(r -> r.stream().map(v -> Objects.toString(v, "\u0000null")).toList().toString()));
            return copy;
        }
    }

    /** Runs trusted {@code sql}, reading at most {@code maxRows} rows, giving up after {@code timeoutSeconds}. */
    public static Rows run(Connection c, String sql, int timeoutSeconds, int maxRows) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.setQueryTimeout(timeoutSeconds);
            try (ResultSet rs = st.executeQuery(sql)) {
                ResultSetMetaData md = rs.getMetaData();
                int n = md.getColumnCount();
                List<String> cols = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) cols.add(md.getColumnLabel(i));
                List<List<Object>> rows = new ArrayList<>();
                while (rs.next() && rows.size() < maxRows) {
                    Object[] row = new Object[n];
                    for (int i = 0; i < n; i++) row[i] = value(rs.getObject(i + 1));
                    rows.add(Arrays.asList(row));
                }
                return new Rows(cols, rows);
            }
        }
    }

    /** Integral doubles and longs compare equal (SQLite returns either for the same number). */
    private static Object value(Object o) {
        if (o instanceof Integer i) return i.longValue();
        if (o instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) return d.longValue();
        if (o instanceof byte[] b) return Arrays.toString(b);
        return o;
    }
}
