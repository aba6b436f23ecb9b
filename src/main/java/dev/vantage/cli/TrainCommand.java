package dev.vantage.cli;

import dev.vantage.api.DevAccuracyEvaluator;
import dev.vantage.api.SpiderBenchmark;
import dev.vantage.config.VantageConfig;
import dev.vantage.data.tokenizer.TokenizerJson;
import dev.vantage.engine.Parallel;
import dev.vantage.training.Trainer;
import dev.vantage.training.TrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains a model on the token shards of `preprocess`: AdamW, schedule, clipping, accumulation; "
                + "metrics.jsonl, report.html, checkpoints/ (resumable) and best/ (lowest validation loss) under --out."})
public final class TrainCommand implements Callable<Integer> {
    @Option(names = "--config", defaultValue = "tiny", description = "config name or YAML path (default: ${DEFAULT-VALUE})")
    String config;

    @Option(names = "--data", required = true, description = "folder with train-*.vshard, validation-*.vshard and tokenizer.json")
    Path data;

    @Option(names = "--out", required = true, description = "run folder: checkpoints/, best/, metrics.jsonl, report.html")
    Path out;

    @Option(names = "--resume", description = "continue from the newest checkpoint under --out")
    boolean resume;

    @Option(names = "--init", paramLabel = "MODEL_DIR",
            description = "start from this model's weights (fine-tuning; its tokenizer must be the shards'), with a fresh optimizer and schedule")
    Path init;

    @Option(names = "--max-steps", description = "override training.max_steps (the schedule follows it)")
    Integer maxSteps;

    @Option(names = "--stop-at", description = "end this process after this step, with a checkpoint (continue later with --resume)")
    Integer stopAt;

    @Option(names = "--profile", description = "print the time per part of forward and backward with each log line")
    boolean profile;

    @Option(names = "--dev-eval", defaultValue = "0", paramLabel = "N",
            description = "every eval_every steps, execution accuracy of greedy decoding on N Spider dev questions "
                    + "(spread over the file); best/ is then the most accurate model, not the lowest validation loss (0 = off)")
    int devEval;

    @Option(names = "--spider-dir", defaultValue = "../shared/data/spider",
            description = "Spider folder (dev.json, tables.json, database/) for --dev-eval (default: ${DEFAULT-VALUE})")
    Path spiderDir;

    @Override public Integer call() throws Exception {
        VantageConfig cfg = VantageConfig.load(config);
        TrainingConfig tc = cfg.training();
        if (maxSteps != null) {
            if (maxSteps < 1) throw new IllegalArgumentException("--max-steps " + maxSteps + ": must be at least 1");
            tc = tc.withMaxSteps(maxSteps);
        }
        if (!Files.isDirectory(data)) throw new IllegalArgumentException("--data " + data + ": no such folder; run `vantage preprocess` first");
        if (Files.exists(out) && !Files.isDirectory(out)) throw new IllegalArgumentException("--out " + out + ": is a file, not a folder");
        Trainer trainer = new Trainer(new Trainer.Run(cfg.model(), tc, data, out, resume,
                VantageConfig.YAML.writeValueAsString(cfg.root())), System.err).profile(profile);
        if (stopAt != null) trainer.stopAt(stopAt);
        if (init != null) trainer.initFrom(init);
        if (devEval < 0) throw new IllegalArgumentException("--dev-eval " + devEval + ": must be 0 (off) or a number of questions");
        if (devEval > 0) {
            Path tokenizer = data.resolve("tokenizer.json");
            if (!Files.isRegularFile(tokenizer)) throw new IllegalArgumentException("--dev-eval needs " + tokenizer + " (written by `vantage preprocess`)");
            Files.createDirectories(out);
            trainer.evaluator(new DevAccuracyEvaluator(
                    new SpiderBenchmark.Inputs(spiderDir.resolve("dev.json"), spiderDir.resolve("tables.json"), spiderDir.resolve("database")),
                    devEval, out, TokenizerJson.load(tokenizer), cfg.data().prompt(), Parallel.THREADS));
        }
        trainer.train();
        System.err.println("done: best model in " + out.resolve("best") + ", report in " + out.resolve("report.html"));
        return 0;
    }
}
