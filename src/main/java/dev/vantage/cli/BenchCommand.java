package dev.vantage.cli;

import dev.vantage.api.Vantage;
import dev.vantage.bench.ConstraintBench;
import dev.vantage.bench.DecodeBench;
import dev.vantage.engine.bench.MatMulBench;
import dev.vantage.bench.ModelBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vantage bench}: speed figures, each next to a reference measured in the same run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: matmul GFLOPS vs numpy/OpenBLAS, bench-tiny forward+backward, small forward, decoding latency, constraint cost.",
        subcommands = {BenchCommand.Matmul.class, BenchCommand.TrainStep.class, BenchCommand.Forward.class, BenchCommand.Decode.class,
                BenchCommand.Constraint.class})
public final class BenchCommand implements Runnable {
    /** Without a subcommand: all three figures of issue 3. */
    @Override public void run() {
        MatMulBench.run(new int[]{256, 512, 1024, 2048}, true);
        System.out.println();
        ModelBench.trainStep(ModelBench.TrainStepSpec.BENCH_TINY, true, false);
        System.out.println();
        ModelBench.forward("small", null, 512, 512, 1);
    }

    @Command(name = "train-step", mixinStandardHelpOptions = true, description = "Forward+backward time and tokens/s.")
    static final class TrainStep implements Runnable {
        @Option(names = "--config", defaultValue = "bench-tiny") String config;
        @Option(names = "--batch", defaultValue = "16") int batch;
        @Option(names = "--tokens", defaultValue = "64", description = "decoder tokens per row") int tokens;
        @Option(names = "--schema-tokens", defaultValue = "128") int schema;
        @Option(names = "--steps", defaultValue = "10") int steps;
        @Option(names = "--no-reference", description = "skip the PyTorch reference") boolean noRef;
        @Option(names = "--profile", description = "print time per part of the step") boolean profile;
        @Option(names = "--dropout", description = "draw the config's dropout masks every step, as train does") boolean dropout;
        @Override public void run() {
            ModelBench.trainStep(new ModelBench.TrainStepSpec(config, batch, tokens, schema, steps, dropout), !noRef, profile);
        }
    }

    @Command(name = "forward", mixinStandardHelpOptions = true, description = "Inference forward with bf16 memory-mapped weights.")
    static final class Forward implements Runnable {
        @Option(names = "--config", defaultValue = "small") String config;
        @Option(names = "--model", description = "an existing bf16 model directory (default: random weights in a temp dir)") java.nio.file.Path model;
        @Option(names = "--tokens", defaultValue = "512") int tokens;
        @Option(names = "--schema-tokens", defaultValue = "512") int schema;
        @Option(names = "--reps", defaultValue = "1", description = "timed runs after a warm-up run (default: ${DEFAULT-VALUE})") int reps;
        @Override public void run() { ModelBench.forward(config, model, tokens, schema, reps); }
    }

    @Command(name = "decode", mixinStandardHelpOptions = true,
            description = "Generation latency (greedy and beam), decode tokens/s, state copy vs step, memory-bandwidth bound; random weights, "
                    + "or with --spider-dev a trained model on Spider dev questions with and without the constraint.")
    static final class Decode implements Runnable {
        @Option(names = "--config", defaultValue = "tiny") String config;
        @Option(names = "--cross-interval", description = "override cross_attention_interval (0: schema in the decoder prompt)") Integer cross;
        @Option(names = "--bf16", description = "random weights as a memory-mapped bf16 checkpoint in a temp dir (any size, e.g. --config small)") boolean bf16;
        @Option(names = "--schema-tokens", defaultValue = "250") int schema;
        @Option(names = "--prompt-tokens", defaultValue = "20") int prompt;
        @Option(names = "--new-tokens", defaultValue = "64") int newTokens;
        @Option(names = "--beam", defaultValue = "4") int beam;
        @Option(names = "--reps", defaultValue = "7") int reps;
        @Option(names = "--spider-dev", description = "a trained model (--model, default the bundled one) on Spider dev questions instead of random weights")
        boolean spiderDev;
        @Option(names = "--model", description = "with --spider-dev: model directory (default: the bundled model, or $VANTAGE_MODEL)") java.nio.file.Path model;
        @Option(names = "--spider", description = "with --spider-dev: Spider folder (default: ../shared/data/spider, else the committed spider-mini)")
        java.nio.file.Path spider;
        @Option(names = "--questions", defaultValue = "100", description = "with --spider-dev: dev questions, spread over dev.json (default: ${DEFAULT-VALUE})")
        int questions;
        @Option(names = "--max-new-tokens", defaultValue = "192", description = "with --spider-dev (default: ${DEFAULT-VALUE}, as ask)") int maxNewTokens;

        @Override public void run() {
            if (!spiderDev) {
                DecodeBench.run(config, cross, bf16, schema, prompt, newTokens, beam, reps);
                return;
            }
            if (questions < 1) throw new IllegalArgumentException("--questions " + questions + ": must be at least 1");
            if (beam < 2) throw new IllegalArgumentException("--beam " + beam + ": must be at least 2 (greedy is measured anyway)");
            DecodeBench.spiderDev(model != null ? model : Vantage.bundledModel(), spider != null ? spider : defaultSpider(), questions, beam, maxNewTokens);
        }
    }

    /** ../shared/data/spider when it is there, else the committed five-database fixture. */
    static java.nio.file.Path defaultSpider() {
        java.nio.file.Path shared = java.nio.file.Path.of("..", "shared", "data", "spider");
        return java.nio.file.Files.isRegularFile(shared.resolve("dev.json")) ? shared : java.nio.file.Path.of("src", "test", "resources", "spider-mini");
    }

    @Command(name = "matmul", mixinStandardHelpOptions = true, description = "fp32 GEMM GFLOPS at square sizes.")
    static final class Matmul implements Runnable {
        @Option(names = "--sizes", split = ",", defaultValue = "256,512,1024,2048") int[] sizes;
        @Option(names = "--no-reference", description = "skip numpy/OpenBLAS") boolean noRef;
        @Override public void run() { MatMulBench.run(sizes, !noRef); }
    }

    @Command(name = "constraint", mixinStandardHelpOptions = true,
            description = "Cost of schema-constrained decoding: µs per advance of a token, per decode step, per full mask.")
    static final class Constraint implements Runnable {
        @Option(names = "--spider", description = "Spider folder with dev.json and tables.json (default: ../shared/data/spider, "
                + "else the committed src/test/resources/spider-mini)") java.nio.file.Path spider;
        @Option(names = "--tokenizer", description = "a tokenizer.json (default: BPE trained here on the normalized gold SQL)") java.nio.file.Path tokenizer;
        @Option(names = "--vocab", defaultValue = "8192", description = "vocab of the tokenizer trained here (default: ${DEFAULT-VALUE})") int vocab;
        @Option(names = "--candidates", defaultValue = "32", description = "tokens advanced per decode step (default: ${DEFAULT-VALUE})") int candidates;
        @Option(names = "--rounds", defaultValue = "7", description = "timed passes after one warm-up (default: ${DEFAULT-VALUE})") int rounds;
        @Option(names = "--mask-steps", defaultValue = "200", description = "steps at which the whole vocab is advanced (default: ${DEFAULT-VALUE})") int maskSteps;

        @Override public void run() {
            ConstraintBench.run(spider != null ? spider : defaultSpider(), tokenizer, vocab, candidates, rounds, maskSteps);
        }
    }
}
