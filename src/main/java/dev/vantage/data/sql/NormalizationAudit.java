package dev.vantage.data.sql;

import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.SqliteDatabases;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Normalizes gold queries and checks, on their databases, that the normalized SQL returns the same
 * rows as the original (as a multiset; in order when the query has a top-level ORDER BY).
 */
public final class NormalizationAudit {
    public static final int TIMEOUT_SECONDS = 30;
    public static final int MAX_ROWS = 100_000;

    public record Report(int queries, int normalized, int idempotent, int noDatabase, int originalFails,
                         int executed, int sameResult, List<String> problems) {
        @Override public String toString() {
            return String.format("queries %d, normalized %d, idempotent %d, skipped (no database) %d, original fails %d, "
                    + "executed %d, same result %d, problems %d", queries, normalized, idempotent, noDatabase,
                    originalFails, executed, sameResult, problems.size());
        }
    }

    private NormalizationAudit() {}

    /**
     * @param databaseDir Spider layout ({@code <dir>/<db>/<db>.sqlite}); queries whose database is absent are counted, not run
     */
    public static Report run(List<GoldSql> queries, Map<String, DatabaseSchema> schemas, Path databaseDir, boolean progress) {
        int normalized = 0, idempotent = 0, noDb = 0, origFails = 0, executed = 0, same = 0;
        List<String> problems = new ArrayList<>();
        Map<String, Connection> open = new HashMap<>();
        ProgressBar bar = progress ? new ProgressBarBuilder().setTaskName("normalize+execute").setInitialMax(queries.size())
                .setStyle(ProgressBarStyle.ASCII).continuousUpdate().build() : null;
        try {
            for (GoldSql q : queries) {
                if (bar != null) bar.step();
                String where = "line " + q.line() + " (" + q.dbId() + ")";
                String norm;
                try {
                    norm = SqlNormalizer.normalize(q.sql(), schemas.get(q.dbId()));
                    normalized++;
                } catch (RuntimeException e) {
                    problems.add(where + ": cannot normalize: " + e.getMessage());
                    continue;
                }
                if (SqlNormalizer.normalize(norm, schemas.get(q.dbId())).equals(norm)) idempotent++;
                else problems.add(where + ": not idempotent: " + norm);

                Path db = SqliteDatabases.inDatabaseDir(databaseDir, q.dbId());
                if (!Files.isRegularFile(db)) { noDb++; continue; }
                Connection c = open.computeIfAbsent(q.dbId(), k -> SqliteDatabases.openReadOnly(db));
                TrustedSql.Rows expected;
                try {
                    expected = TrustedSql.run(c, q.sql(), TIMEOUT_SECONDS, MAX_ROWS);
                } catch (SQLException e) {
                    origFails++;
                    continue;
                }
                executed++;
                try {
                    TrustedSql.Rows actual = TrustedSql.run(c, norm, TIMEOUT_SECONDS, MAX_ROWS);
                    if (actual.sameRows(expected, ordered(q.sql()))) same++;
                    else problems.add(where + ": different result: " + q.sql() + "  =>  " + norm);
                } catch (SQLException e) {
                    problems.add(where + ": normalized SQL fails (" + e.getMessage() + "): " + norm);
                }
            }
        } finally {
            if (bar != null) bar.close();
            for (Connection c : open.values()) {
                try { c.close(); } catch (SQLException ignored) { /* read-only handle */ }
            }
        }
        return new Report(queries.size(), normalized, idempotent, noDb, origFails, executed, same, problems);
    }

    /** Whether the query's outermost SELECT has an ORDER BY, so row order is part of its answer. */
    public static boolean ordered(String sql) {
        Select s = SqlNormalizer.parseQuery(sql);
        while (s instanceof ParenthesedSelect p && p.getOrderByElements() == null) s = p.getSelect();
        return switch (s) {
            case PlainSelect ps -> ps.getOrderByElements() != null;
            case SetOperationList sol -> sol.getOrderByElements() != null;
            default -> s.getOrderByElements() != null;
        };
    }
}
