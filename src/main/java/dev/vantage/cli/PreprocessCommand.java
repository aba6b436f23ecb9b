package dev.vantage.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vantage.config.VantageConfig;
import dev.vantage.data.preprocess.Preprocessor;
import dev.vantage.data.preprocess.TokenizerCorpus;
import dev.vantage.data.preprocess.TrainingData;
import dev.vantage.data.tokenizer.BpeTokenizer;
import dev.vantage.data.tokenizer.BpeTrainer;
import dev.vantage.data.tokenizer.SpecialTokens;
import dev.vantage.data.tokenizer.TokenizerJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "preprocess", mixinStandardHelpOptions = true,
        description = {"Builds training and validation token shards from the datasets under --data-dir: mixture, "
                + "validation split, schema linking and serialization, pruning to the schema budget, SQL normalization, tokenization; prints and writes stats.json."})
public final class PreprocessCommand implements Callable<Integer> {
    @Option(names = "--config", defaultValue = "tiny", description = "config name or YAML path (default: ${DEFAULT-VALUE})")
    String config;

    @Option(names = "--data-dir", required = true, description = "folder with spider/, bird/, wikisql/, gretel/ (or one dataset)")
    Path dataDir;

    @Option(names = "--out", required = true, description = "output folder for shards, stats.json and tokenizer.json")
    Path out;

    @Option(names = "--tokenizer", description = "tokenizer.json to use; without it one is trained on the training data "
            + "(data.tokenizer_vocab_size tokens)")
    Path tokenizer;

    @Option(names = "--no-augment", description = "write training examples without the config's data.augmentation")
    boolean noAugment;

    @Option(names = "--seed", description = "seed of the split, mixture and shuffles (default: training.seed of the config)")
    Long seed;

    @Override public Integer call() throws Exception {
        VantageConfig cfg = VantageConfig.load(config);
        long s = seed != null ? seed : cfg.training().seed();
        TrainingData data;
        try {
            data = TrainingData.load(dataDir, System.err);
        } catch (IllegalArgumentException e) {
            System.err.println("vantage preprocess: " + e.getMessage());
            return 2;
        }
        Files.createDirectories(out);
        BpeTokenizer tok;
        if (tokenizer != null) {
            tok = TokenizerJson.load(tokenizer);
        } else {
            int vocab = cfg.tokenizerVocabSize();
            System.err.println("no --tokenizer: training one with " + vocab + " tokens on the training data");
            tok = new BpeTrainer(vocab, 2, SpecialTokens.ALL)
                    .train(TokenizerCorpus.of(data, cfg.data().prompt().schema(), cfg.data().prompt().normalizeSql()));
        }
        TokenizerJson.save(tok, out.resolve("tokenizer.json"));
        if (tok.vocabSize() > cfg.model().vocabSize()) {
            System.err.println("vantage preprocess: the tokenizer has " + tok.vocabSize() + " tokens, more than the model's vocab_size "
                    + cfg.model().vocabSize());
            return 2;
        }
        ObjectNode stats = new Preprocessor(cfg.data(), cfg.source(), tok, s, System.err).augment(!noAugment).run(data, out);
        System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(stats));
        System.err.println("wrote shards, stats.json and tokenizer.json to " + out);
        return 0;
    }
}
