package dev.vantage.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vantage.api.SpiderBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = {"Generates SQL for every question of a benchmark with a progress bar, scores it with the project's evaluator "
                + "(exact match and execution accuracy by hardness), and writes predictions.sql, answers.jsonl, summary.json, "
                + "report.json and report.html to --out."})
public final class BenchmarkCommand implements Callable<Integer> {
    @Option(names = "--benchmark", defaultValue = "spider-dev", description = "spider-dev (files under --data-dir), or give --questions/--tables/--db-dir")
    String benchmark;

    @Option(names = "--data-dir", defaultValue = "../shared/data", description = "folder holding spider/ (default: ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(names = "--questions", description = "Spider-format questions (JSON array of question, query, db_id)")
    Path questions;

    @Option(names = "--tables", description = "tables.json of those databases")
    Path tables;

    @Option(names = "--db-dir", description = "folder of <db_id>/<db_id>.sqlite")
    Path dbDir;

    @Option(names = "--out", required = true, description = "output folder")
    Path out;

    @Option(names = "--limit", defaultValue = "0", description = "only the first N questions (0 = all)")
    int limit;

    @Option(names = "--threads", defaultValue = "2", description = "questions generated side by side (default: ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--batch", defaultValue = "1", description = "greedy or beam decoding: up to N consecutive questions on one database decode as one batch (default: ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    @Mixin GenerationOptions generation;

    @Override public Integer call() throws Exception {
        if (threads < 1) throw new IllegalArgumentException("--threads " + threads + ": must be at least 1");
        if (batch < 1) throw new IllegalArgumentException("--batch " + batch + ": must be at least 1");
        if (limit < 0) throw new IllegalArgumentException("--limit " + limit + ": must be 0 (all) or more");
        SpiderBenchmark.Inputs inputs;
        if (questions != null || tables != null || dbDir != null) {
            if (questions == null || tables == null || dbDir == null)
                throw new IllegalArgumentException("--questions, --tables and --db-dir go together");
            inputs = new SpiderBenchmark.Inputs(questions, tables, dbDir);
        } else if (benchmark.equals("spider-dev")) {
            Path spider = dataDir.resolve("spider");
            inputs = new SpiderBenchmark.Inputs(spider.resolve("dev.json"), spider.resolve("tables.json"), spider.resolve("database"));
        } else {
            throw new IllegalArgumentException("--benchmark " + benchmark + ": only spider-dev is built in; give --questions, --tables and --db-dir for others");
        }
        inputs.check();
        var options = generation.options();
        var summary = new SpiderBenchmark(generation.loadModel())
                .run(new SpiderBenchmark.Settings(inputs, out, options, threads, limit, !noProgress, batch));
        System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(summary));
        System.err.println("wrote predictions.sql, answers.jsonl, summary.json, report.json and report.html to " + out);
        return 0;
    }
}
