package dev.vantage.cli;

import dev.vantage.api.Vantage;
import dev.vantage.evaluation.execution.ExecutionLimits;
import dev.vantage.evaluation.execution.ExecutionOutcome;
import dev.vantage.evaluation.execution.QueryResult;
import dev.vantage.evaluation.execution.SafeExecutor;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@code ask} and {@code shell} show an answer (a picocli mixin with its flags): the SQL,
 * optionally the model's input and every candidate, then the first rows of its result, run
 * read-only and bounded by the safe executor.
 */
final class AnswerPrinter {
    @Option(names = "--rows", defaultValue = "20", description = "rows of the result shown (default: ${DEFAULT-VALUE})") int rows;

    @Option(names = "--candidates", description = "also print every candidate and why it was passed over") boolean candidates;

    @Option(names = "--show-input", description = "also print the schema text the model read (linking markers, pruned tables)") boolean showInput;

    void check() {
        if (rows < 0) throw new IllegalArgumentException("--rows " + rows + ": must be 0 or more");
    }

    /** The answer, then its result when the database can run it; false when the query did not run. */
    boolean print(Vantage.Result r, Vantage.Database db, ExecutionLimits limits, PrintStream out) throws SQLException {
        if (showInput) {
            out.println("-- input: " + r.details().prompt().schemaText());
            for (var d : r.details().prompt().schema().droppedTables()) out.println("-- pruned table " + d.name() + ": " + d.reason());
        }
        out.println(r.sql());
        if (candidates) {
            for (var a : r.alternatives())
                out.printf("-- %.3f %s%s%n", a.score(), a.sql(), a.problem().isEmpty() ? "" : "   [" + a.problem() + "]");
        }
        if (db.connector() == null || rows == 0) return true;
        return run(r.sql(), db, limits, out);
    }

    /** Any SQL through the safe executor (read-only, bounded); false, with the reason printed, when it did not run. */
    boolean run(String sql, Vantage.Database db, ExecutionLimits limits, PrintStream out) throws SQLException {
        try (SafeExecutor ex = new SafeExecutor(limits); Connection c = db.connector().open()) {
            ExecutionOutcome o = ex.execute(c, sql);
            if (!o.isOk()) {
                out.println("-- the query did not run: " + o.status().name().toLowerCase() + ": " + o.message());
                return false;
            }
            printTable(o.result(), rows, out);
            return true;
        }
    }

    /** A plain text table of the first rows, columns as wide as their widest shown value (at most 40). */
    static void printTable(QueryResult r, int max, PrintStream out) {
        List<List<String>> cells = new ArrayList<>();
        cells.add(r.columns());
        for (int i = 0; i < Math.min(max, r.rows().size()); i++) {
            List<String> row = new ArrayList<>();
            for (Object v : r.rows().get(i)) row.add(v == null ? "NULL" : v instanceof byte[] b ? "<" + b.length + " bytes>" : v.toString());
            cells.add(row);
        }
        int[] width = new int[r.columns().size()];
        for (List<String> row : cells)
            for (int j = 0; j < width.length; j++) width[j] = Math.min(40, Math.max(width[j], row.get(j).length()));
        for (int i = 0; i < cells.size(); i++) {
            StringBuilder line = new StringBuilder();
            for (int j = 0; j < width.length; j++) {
                String v = cells.get(i).get(j);
                if (v.length() > width[j]) v = v.substring(0, width[j] - 1) + "…";
                line.append(j == 0 ? "" : " | ").append(String.format("%-" + width[j] + "s", v));
            }
            out.println(line.toString().stripTrailing());
            if (i == 0) {
                StringBuilder rule = new StringBuilder();
                for (int j = 0; j < width.length; j++) rule.append(j == 0 ? "" : "-+-").append("-".repeat(width[j]));
                out.println(rule);
            }
        }
        out.println("(" + r.rows().size() + " row" + (r.rows().size() == 1 ? "" : "s") + (r.rows().size() > max ? ", first " + max + " shown" : "") + ")");
    }
}
