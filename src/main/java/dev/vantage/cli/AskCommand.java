package dev.vantage.cli;

import dev.vantage.api.Vantage;
import dev.vantage.evaluation.execution.ExecutionOutcome;
import dev.vantage.evaluation.execution.JdbcUrlConnector;
import dev.vantage.evaluation.execution.SafeExecutor;
import dev.vantage.evaluation.execution.QueryResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code vantage ask --db F.sqlite "question"}: the SQL, then the first rows of its result through the safe executor. */
@Command(name = "ask", mixinStandardHelpOptions = true,
        description = "Answers a question about a database: prints the generated SQL and the first rows of its result (run read-only, bounded).")
public final class AskCommand implements Callable<Integer> {
    static final class Source {
        @Option(names = "--db", description = "SQLite database file") Path db;
        @Option(names = "--jdbc", description = "JDBC URL of a database (e.g. jdbc:duckdb:/path/file.duckdb)") String jdbc;
        @Option(names = "--ddl", description = "file of CREATE TABLE statements (no execution)") Path ddl;
    }

    @ArgGroup(exclusive = true, multiplicity = "1") Source source;

    @Parameters(index = "0", paramLabel = "QUESTION", description = "the question, in English") String question;

    @Option(names = "--rows", defaultValue = "20", description = "rows of the result shown (default: ${DEFAULT-VALUE})") int rows;

    @Option(names = "--candidates", description = "also print every candidate and why it was passed over") boolean candidates;

    @Option(names = "--show-input", description = "also print the schema text the model read (linking markers, pruned tables)") boolean showInput;

    @Mixin GenerationOptions generation;

    @Override public Integer call() throws Exception {
        if (question.isBlank()) throw new IllegalArgumentException("the question is empty");
        if (rows < 0) throw new IllegalArgumentException("--rows " + rows + ": must be 0 or more");
        Vantage.Options options = generation.options();
        Vantage.Database db = database();
        Vantage vantage = generation.loadModel();
        Vantage.Result r = vantage.generate(question, db, options);
        PrintStream out = System.out;
        if (showInput) {
            out.println("-- input: " + r.details().prompt().schemaText());
            for (var d : r.details().prompt().schema().droppedTables()) out.println("-- pruned table " + d.name() + ": " + d.reason());
        }
        out.println(r.sql());
        if (candidates) {
            for (var a : r.alternatives())
                out.printf("-- %.3f %s%s%n", a.score(), a.sql(), a.problem().isEmpty() ? "" : "   [" + a.problem() + "]");
        }
        if (db.connector() == null || rows == 0) return 0;
        try (SafeExecutor ex = new SafeExecutor(options.limits()); Connection c = db.connector().open()) {
            ExecutionOutcome o = ex.execute(c, r.sql());
            if (!o.isOk()) {
                out.println("-- the query did not run: " + o.status().name().toLowerCase() + ": " + o.message());
                return 1;
            }
            printTable(o.result(), rows, out);
        }
        return 0;
    }

    private Vantage.Database database() throws Exception {
        if (source.db != null) return Vantage.Database.sqlite(source.db);
        if (source.jdbc != null) return Vantage.Database.jdbc(new JdbcUrlConnector(source.jdbc));
        if (!Files.isRegularFile(source.ddl)) throw new IllegalArgumentException("--ddl " + source.ddl + ": no such file");
        String name = source.ddl.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        return Vantage.Database.ddl(name, Files.readString(source.ddl));
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
