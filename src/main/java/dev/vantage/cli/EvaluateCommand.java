package dev.vantage.cli;

import dev.vantage.evaluation.execution.ExecutionLimits;
import dev.vantage.evaluation.spider.EvalType;
import dev.vantage.evaluation.spider.GoldQuery;
import dev.vantage.evaluation.spider.SpiderEvaluator;
import dev.vantage.evaluation.spider.SpiderFiles;
import dev.vantage.evaluation.spider.SpiderReport;
import dev.vantage.evaluation.report.ReportWriter;
import dev.vantage.evaluation.spider.SpiderTablePrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code vantage evaluate}: official Spider metrics (and BIRD, WikiSQL) with safe execution and reports. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score predicted SQL against gold SQL: Spider exact set match, partial scores and test-suite "
                + "execution accuracy (official table layout), BIRD EX and R-VES, WikiSQL accuracies.")
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--benchmark", defaultValue = "spider", description = "spider, bird or wikisql (default: ${DEFAULT-VALUE})")
    String benchmark;

    @Option(names = "--gold", required = true, description = "Spider: SQL<TAB>db_id per line.")
    Path gold;

    @Option(names = "--pred", required = true, description = "Spider: one predicted SQL per line, aligned with --gold.")
    Path pred;

    @Option(names = "--tables", description = "tables.json (needed for exact match).")
    Path tables;

    @Option(names = {"--db-dir", "--db"}, description = "Folder with <db_id>/<db_id>.sqlite (every *.sqlite* file there is a test-suite database).")
    Path dbDir;

    @Option(names = "--etype", defaultValue = "all", description = "all, match or exec (default: ${DEFAULT-VALUE})")
    String etype;

    @Option(names = "--keep-distinct", description = "Keep DISTINCT when executing (the official default removes it).")
    boolean keepDistinct;

    @Option(names = "--threads", description = "Parallel questions (default: number of cores).")
    Integer threads;

    @Option(names = "--timeout", defaultValue = "30", description = "Seconds per query before it is stopped (default: ${DEFAULT-VALUE}).")
    double timeoutSeconds;

    @Option(names = "--max-rows", defaultValue = "200000", description = "Rows read back per query (default: ${DEFAULT-VALUE}).")
    int maxRows;

    @Option(names = "--max-mb", defaultValue = "128", description = "Megabytes read back per query (default: ${DEFAULT-VALUE}).")
    long maxMegabytes;

    @Option(names = "--out", description = "Write report.json and report.html here.")
    Path out;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        return switch (benchmark.toLowerCase(Locale.ROOT)) {
            case "spider" -> spider();
            default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--benchmark must be spider, bird or wikisql, got '" + benchmark + "'");
        };
    }

    private ExecutionLimits limits() {
        return new ExecutionLimits(Duration.ofMillis(Math.round(timeoutSeconds * 1000)), maxRows, maxMegabytes << 20);
    }

    private int threadCount() {
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }

    private int spider() throws Exception {
        EvalType type = EvalType.parse(etype);
        require(dbDir, "--db-dir");
        if (type.match()) {
            require(tables, "--tables");
        }
        List<GoldQuery> goldQueries = SpiderFiles.readGold(gold);
        List<String> predictions = SpiderFiles.readPredictions(pred, goldQueries.size(), gold);
        var foreignKeys = type.match() ? SpiderFiles.readForeignKeys(tables) : java.util.Map.<String, dev.vantage.evaluation.spider.ForeignKeyMap>of();
        SpiderEvaluator evaluator = new SpiderEvaluator(dbDir, foreignKeys,
                new SpiderEvaluator.Options(type, keepDistinct, threadCount(), limits(), !noProgress));
        SpiderEvaluator.Run run = evaluator.evaluate(goldQueries, predictions);
        SpiderTablePrinter.print(run.scores(), type, System.out);
        System.out.println();
        System.out.printf(Locale.ROOT, "evaluated %d of %d questions in %.2f s%n",
                goldQueries.size() - run.skipped(), goldQueries.size(), run.wallNanos() / 1e9);
        for (String line : SpiderEvaluator.skipSummary(run.questions())) {
            System.out.println("skipped " + line);
        }
        if (out != null) {
            Map<String, String> inputs = new LinkedHashMap<>();
            inputs.put("gold", gold.toString());
            inputs.put("pred", pred.toString());
            inputs.put("db-dir", dbDir.toString());
            inputs.put("tables", String.valueOf(tables));
            inputs.put("etype", type.name().toLowerCase(Locale.ROOT));
            inputs.put("keep-distinct", String.valueOf(keepDistinct));
            ReportWriter.write(SpiderReport.build(run, type, inputs), out);
            System.out.println("wrote " + out.resolve("report.json") + " and " + out.resolve("report.html"));
        }
        return 0;
    }

    private static void require(Path value, String option) {
        if (value == null) {
            throw new IllegalArgumentException(option + " is required here");
        }
    }
}
