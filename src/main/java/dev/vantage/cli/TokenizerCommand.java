package dev.vantage.cli;

import dev.vantage.config.VantageConfig;
import dev.vantage.data.preprocess.TokenizerCorpus;
import dev.vantage.data.preprocess.TrainingData;
import dev.vantage.data.schema.SerializationOptions;
import dev.vantage.data.tokenizer.BpeTokenizer;
import dev.vantage.data.tokenizer.BpeTrainer;
import dev.vantage.data.tokenizer.TokenizerJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "tokenizer", mixinStandardHelpOptions = true,
        description = "Trains, inspects and benchmarks the byte-level BPE tokenizer (Hugging Face tokenizer.json).",
        subcommands = {TokenizerCommand.Train.class, TokenizerCommand.Encode.class, TokenizerCommand.Bench.class})
public final class TokenizerCommand implements Runnable {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    @Command(name = "train", mixinStandardHelpOptions = true,
            description = "Learns BPE merges from the training questions, evidence, SQL and serialized schemas under --data-dir.")
    static final class Train implements Callable<Integer> {
        @Option(names = "--vocab", defaultValue = "8192", description = "vocabulary size (default: ${DEFAULT-VALUE})") int vocab;
        @Option(names = "--data-dir", required = true, description = "folder with spider/, bird/, wikisql/, gretel/ (or one dataset)") Path dataDir;
        @Option(names = "--out", defaultValue = "tokenizer.json", description = "output file (default: ${DEFAULT-VALUE})") Path out;
        @Option(names = "--config", defaultValue = "tiny", description = "config whose data.schema options shape the schema text") String config;
        @Option(names = "--min-frequency", defaultValue = "2", description = "merge only pairs seen this often (default: ${DEFAULT-VALUE})") int minFrequency;

        @Override public Integer call() throws Exception {
            SerializationOptions options = VantageConfig.load(config).data().prompt().schema();
            long t0 = System.nanoTime();
            List<String> corpus = TokenizerCorpus.of(TrainingData.load(dataDir, System.err), options);
            long bytes = corpus.stream().mapToLong(s -> s.getBytes(StandardCharsets.UTF_8).length).sum();
            System.err.printf("corpus: %d texts, %.1f MB%n", corpus.size(), bytes / 1e6);
            long t1 = System.nanoTime();
            BpeTokenizer t = new BpeTrainer(vocab, minFrequency, dev.vantage.data.tokenizer.SpecialTokens.ALL).train(corpus);
            long t2 = System.nanoTime();
            TokenizerJson.save(t, out);
            System.out.printf("trained %d tokens (%d merges) in %.1f s (corpus read in %.1f s); wrote %s%n",
                    t.vocabSize(), t.merges().size(), (t2 - t1) / 1e9, (t1 - t0) / 1e9, out);
            if (t.vocabSize() < vocab) System.out.println("note: the corpus ran out of pairs seen " + minFrequency + "+ times before " + vocab);
            return 0;
        }
    }

    @Command(name = "encode", mixinStandardHelpOptions = true, description = "Shows the tokens and ids of a text.")
    static final class Encode implements Callable<Integer> {
        @Option(names = "--tokenizer", required = true, description = "tokenizer.json") Path tokenizer;
        @Parameters(paramLabel = "TEXT", description = "text to encode") String text;

        @Override public Integer call() throws Exception {
            BpeTokenizer t = TokenizerJson.load(tokenizer);
            int[] ids = t.encode(text);
            System.out.println(ids.length + " tokens");
            System.out.println("ids:    " + Arrays.toString(ids));
            System.out.println("tokens: " + t.tokens(text));
            String back = t.decode(ids);
            System.out.println("decode: " + back + (back.equals(text) ? "" : "   (DIFFERS from the input)"));
            return back.equals(text) ? 0 : 1;
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Encode throughput (MB/s of UTF-8 text) on the training corpus under --data-dir.")
    static final class Bench implements Callable<Integer> {
        @Option(names = "--tokenizer", required = true, description = "tokenizer.json") Path tokenizer;
        @Option(names = "--data-dir", required = true, description = "data folder (as for train)") Path dataDir;
        @Option(names = "--config", defaultValue = "tiny") String config;
        @Option(names = "--rounds", defaultValue = "5", description = "timed passes after one warm-up (default: ${DEFAULT-VALUE})") int rounds;

        @Override public Integer call() throws Exception {
            SerializationOptions options = VantageConfig.load(config).data().prompt().schema();
            List<String> corpus = TokenizerCorpus.of(TrainingData.load(dataDir, System.err), options);
            long bytes = corpus.stream().mapToLong(s -> s.getBytes(StandardCharsets.UTF_8).length).sum();
            BpeTokenizer cold = TokenizerJson.load(tokenizer);
            long t0 = System.nanoTime(), tokens = 0;
            for (String s : corpus) tokens += cold.encode(s).length;
            double coldSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("corpus: %d texts, %.2f MB, %d tokens (%.2f bytes/token)%n", corpus.size(), bytes / 1e6, tokens, (double) bytes / tokens);
            System.out.printf("first pass (empty word cache, JIT cold): %.1f MB/s%n", bytes / 1e6 / coldSeconds);
            double best = 0, sum = 0;
            for (int r = 0; r < rounds; r++) {
                long t = System.nanoTime();
                for (String s : corpus) cold.encode(s);
                double mbs = bytes / 1e6 / ((System.nanoTime() - t) / 1e9);
                best = Math.max(best, mbs);
                sum += mbs;
            }
            System.out.printf("warm passes (%d): mean %.1f MB/s, best %.1f MB/s%n", rounds, sum / rounds, best);
            return 0;
        }
    }
}
