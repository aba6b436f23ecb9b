package dev.vantage.cli;

import dev.vantage.config.VantageConfig;
import dev.vantage.evaluation.EvaluationConfig;
import dev.vantage.evaluation.bird.BirdEvaluator;
import dev.vantage.evaluation.bird.BirdFiles;
import dev.vantage.evaluation.bird.BirdReport;
import dev.vantage.evaluation.execution.ExecutionLimits;
import dev.vantage.evaluation.wikisql.WikiSqlEvaluator;
import dev.vantage.evaluation.wikisql.WikiSqlReport;
import dev.vantage.evaluation.spider.EvalType;
import dev.vantage.evaluation.spider.ForeignKeyMap;
import dev.vantage.evaluation.spider.GoldQuery;
import dev.vantage.evaluation.spider.SpiderEvaluator;
import dev.vantage.evaluation.spider.SpiderFiles;
import dev.vantage.evaluation.spider.SpiderReport;
import dev.vantage.evaluation.report.ReportWriter;
import dev.vantage.evaluation.spider.SpiderTablePrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

import java.nio.file.NoSuchFileException;
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
    @Spec CommandSpec spec;

    @Option(names = "--benchmark", defaultValue = "spider", description = "spider, bird or wikisql (default: ${DEFAULT-VALUE})")
    String benchmark;

    @Option(names = "--gold", required = true, description = "Spider/BIRD: SQL<TAB>db_id per line; WikiSQL: the dev.jsonl.")
    Path gold;

    @Option(names = "--pred", required = true, description = "Spider: one SQL per line; BIRD: predict_dev.json (or one SQL per line); WikiSQL: JSON lines with query/error.")
    Path pred;

    @Option(names = "--tables", description = "tables.json (needed for exact match).")
    Path tables;

    @Option(names = {"--db-dir", "--db"}, description = "Folder with <db_id>/<db_id>.sqlite (every *.sqlite* file there is a test-suite database).")
    Path dbDir;

    @Option(names = "--config", description = "config (name or YAML path) whose evaluation section replaces the defaults of "
            + "--etype, --timeout, --max-rows and --threads; flags given still win")
    String config;

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

    @Option(names = "--diff", description = "BIRD: dev.json whose 'difficulty' fields split the scores.")
    Path difficulties;

    @Option(names = "--ves", description = "BIRD: also measure R-VES (runs each correct pair --ves-iterations times).")
    boolean ves;

    @Option(names = "--ves-iterations", defaultValue = "100", description = "BIRD: repetitions for R-VES (official: ${DEFAULT-VALUE}).")
    int vesIterations;

    @Option(names = "--db-file", description = "WikiSQL: the SQLite file (e.g. dev.db).")
    Path dbFile;

    @Option(names = "--ordered", description = "WikiSQL: conditions must match in order for logical-form accuracy.")
    boolean ordered;

    @Option(names = "--out", description = "Write report.json and report.html here.")
    Path out;

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        if (config != null) applyConfig(VantageConfig.load(config).evaluation());
        checkOptions();
        try {
            return switch (benchmark.toLowerCase(Locale.ROOT)) {
                case "spider" -> spider();
                case "bird" -> bird();
                case "wikisql" -> wikisql();
                default -> throw new ParameterException(spec.commandLine(),
                        "--benchmark must be spider, bird or wikisql, got '" + benchmark + "'");
            };
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return VantageCli.BAD_INPUT;
        } catch (NoSuchFileException e) {
            System.err.println("error: file not found: " + e.getFile());
            return VantageCli.BAD_INPUT;
        }
    }

    /** The config's evaluation section, for each of its options not given on the command line. */
    private void applyConfig(EvaluationConfig c) {
        var given = spec.commandLine().getParseResult();
        if (!given.hasMatchedOption("--etype")) etype = c.etype().name().toLowerCase(Locale.ROOT);
        if (!given.hasMatchedOption("--timeout")) timeoutSeconds = c.timeoutSeconds();
        if (!given.hasMatchedOption("--max-rows")) maxRows = c.maxRows();
        if (!given.hasMatchedOption("--threads")) threads = c.parallelism();
    }

    /** Every option checked before any file is read or query run: one line naming the option at fault. */
    private void checkOptions() {
        if (!(timeoutSeconds > 0) || timeoutSeconds > 86_400) {
            bad("--timeout must be a number of seconds above 0 and at most 86400, got " + timeoutSeconds);
        }
        if (maxRows <= 0) {
            bad("--max-rows must be positive, got " + maxRows);
        }
        if (maxMegabytes <= 0 || maxMegabytes > (1L << 20)) {
            bad("--max-mb must be between 1 and 1048576, got " + maxMegabytes);
        }
        if (threads != null && (threads < 1 || threads > 1024)) {
            bad("--threads must be between 1 and 1024, got " + threads);
        }
        if (vesIterations < 1) {
            bad("--ves-iterations must be at least 1, got " + vesIterations);
        }
        requireFile(gold, "--gold");
        requireFile(pred, "--pred");
        if (tables != null) {
            requireFile(tables, "--tables");
        }
        if (difficulties != null) {
            requireFile(difficulties, "--diff");
        }
        if (dbFile != null) {
            requireFile(dbFile, "--db-file");
        }
        if (dbDir != null && !java.nio.file.Files.isDirectory(dbDir)) {
            bad("--db-dir " + dbDir + " is not a directory; give the folder that holds <db_id>/<db_id>.sqlite");
        }
        if (out != null) {
            Path existing = out.toAbsolutePath();
            while (existing != null && !java.nio.file.Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing == null || !java.nio.file.Files.isDirectory(existing)) {
                bad("--out " + out + (existing != null && existing.equals(out.toAbsolutePath()) ? " is a file" : " cannot be created")
                        + "; give a directory for report.json and report.html");
            }
            if (!java.nio.file.Files.isWritable(existing)) {
                bad("--out " + out + ": " + existing + " is not writable");
            }
        }
    }

    private void requireFile(Path file, String option) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            bad(option + " " + file + (java.nio.file.Files.exists(file) ? " is not a file" : " does not exist"));
        }
        if (!java.nio.file.Files.isReadable(file)) {
            bad(option + " " + file + " is not readable");
        }
    }

    private void bad(String message) {
        throw new ParameterException(spec.commandLine(), message);
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
        SpiderFiles.Predictions predictions = SpiderFiles.readPredictionFile(pred, goldQueries.size(), gold);
        predictions.unreadable().values().forEach(problem -> System.err.println("warning: " + problem
                + "; this prediction scores 0"));
        SpiderFiles.Tables tablesJson = type.match() ? SpiderFiles.readTables(tables)
                : new SpiderFiles.Tables(Map.of(), Map.of());
        SpiderEvaluator evaluator = new SpiderEvaluator(dbDir, tablesJson.foreignKeys(), tablesJson.schemas(),
                new SpiderEvaluator.Options(type, keepDistinct, threadCount(), limits(), !noProgress));
        SpiderEvaluator.Run run = evaluator.evaluate(goldQueries, predictions.sql(), predictions.unreadable());
        SpiderTablePrinter.print(run.scores(), type, System.out);
        System.out.println();
        var all = run.scores().get("all");
        if (type.exec() && all.execCount() != all.count()) {
            System.out.printf(Locale.ROOT, "execution accuracy is over the %d questions whose database exists; "
                    + "%d more were scored for exact match only%n", all.execCount(), all.count() - all.execCount());
        }
        System.out.printf(Locale.ROOT, "evaluated %d of %d questions in %.2f s%n",
                goldQueries.size() - run.skipped(), goldQueries.size(), run.wallNanos() / 1e9);
        if (type.exec()) {
            System.out.printf(Locale.ROOT, "valid SQL rate (prediction parses and executes without error): %.3f%n",
                    run.validSqlRate());
        }
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

    private int bird() throws Exception {
        require(dbDir, "--db-dir");
        List<GoldQuery> goldQueries = SpiderFiles.readGold(gold);
        List<String> predictions = BirdFiles.readPredictions(pred);
        List<String> levels = difficulties == null ? null : BirdFiles.readDifficulties(difficulties);
        BirdEvaluator.Run run = new BirdEvaluator(dbDir, new BirdEvaluator.Options(threadCount(), limits(),
                ves ? vesIterations : 0, !noProgress)).evaluate(goldQueries, predictions, levels);
        BirdEvaluator.print(run, System.out);
        long skipped = run.questions().stream().filter(q -> q.isSkipped()).count();
        System.out.printf(Locale.ROOT, "%nevaluated %d of %d questions in %.2f s%n",
                goldQueries.size() - skipped, goldQueries.size(), run.wallNanos() / 1e9);
        if (out != null) {
            Map<String, String> inputs = new LinkedHashMap<>();
            inputs.put("gold", gold.toString());
            inputs.put("pred", pred.toString());
            inputs.put("db-dir", dbDir.toString());
            inputs.put("diff", String.valueOf(difficulties));
            inputs.put("ves-iterations", ves ? String.valueOf(vesIterations) : "off");
            ReportWriter.write(BirdReport.build(run, inputs), out);
            System.out.println("wrote " + out.resolve("report.json") + " and " + out.resolve("report.html"));
        }
        return 0;
    }

    private int wikisql() throws Exception {
        require(dbFile, "--db-file");
        WikiSqlEvaluator.Run run = WikiSqlEvaluator.evaluate(gold, pred, dbFile, ordered, threadCount(), limits(), !noProgress);
        System.out.printf(Locale.ROOT, "{%n  \"ex_accuracy\": %s,%n  \"lf_accuracy\": %s%n}%n",
                run.exAccuracy(), run.lfAccuracy());
        System.out.printf(Locale.ROOT, "evaluated %d questions in %.2f s%n", run.questions().size(), run.wallNanos() / 1e9);
        if (out != null) {
            Map<String, String> inputs = new LinkedHashMap<>();
            inputs.put("gold", gold.toString());
            inputs.put("pred", pred.toString());
            inputs.put("db-file", dbFile.toString());
            inputs.put("ordered", String.valueOf(ordered));
            ReportWriter.write(WikiSqlReport.build(run, inputs), out);
            System.out.println("wrote " + out.resolve("report.json") + " and " + out.resolve("report.html"));
        }
        return 0;
    }

    private void require(Path value, String option) {
        if (value == null) {
            throw new ParameterException(spec.commandLine(), option + " is required for --benchmark " + benchmark);
        }
    }
}
