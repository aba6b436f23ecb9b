package dev.vantage.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vantage.data.preprocess.PromptEncoder;
import dev.vantage.data.preprocess.PromptOptions;
import dev.vantage.data.tokenizer.BpeTokenizer;
import dev.vantage.inference.GenerationConfig;
import dev.vantage.inference.Generator;
import dev.vantage.inference.TextToSql;
import dev.vantage.inference.TokenTexts;
import dev.vantage.engine.io.AtomicFiles;
import dev.vantage.model.VantageModel;
import dev.vantage.training.Trainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Execution accuracy on a fixed subset of Spider dev while training: greedy, constrained, execution
 * guided, through the same {@link SpiderBenchmark} as `vantage benchmark`, so the figure that picks
 * best/ is the figure the benchmark reports. The subset is every k-th dev question, so it spans the
 * dev databases instead of the first few.
 */
public final class DevAccuracyEvaluator implements Trainer.StepEvaluator {
    public static final String FIGURE = "dev_execution_accuracy";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SpiderBenchmark.Inputs subset;
    private final Path out;
    private final BpeTokenizer tokenizer;
    private final PromptOptions prompts;
    private final int threads;

    /**
     * @param dev       Spider-format dev files (questions, tables.json, databases)
     * @param questions how many questions, spread evenly over the dev file
     * @param out       where the subset and each evaluation's benchmark folder go (dev-eval/step-N)
     */
    public DevAccuracyEvaluator(SpiderBenchmark.Inputs dev, int questions, Path out, BpeTokenizer tokenizer,
                                PromptOptions prompts, int threads) throws IOException {
        dev.check();
        if (questions < 1) throw new IllegalArgumentException("dev evaluation needs at least 1 question, got " + questions);
        JsonNode all = JSON.readTree(dev.questions().toFile());
        if (!all.isArray() || all.isEmpty()) throw new IllegalArgumentException(dev.questions() + ": expected a non-empty JSON array of questions");
        ArrayNode picked = JSON.createArrayNode();
        int n = Math.min(questions, all.size());
        for (int i = 0; i < n; i++) picked.add(all.get((int) ((long) i * all.size() / n)));
        Path file = out.resolve("dev-subset.json");
        AtomicFiles.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(picked));
        this.subset = new SpiderBenchmark.Inputs(file, dev.tables(), dev.dbDir());
        this.out = out;
        this.tokenizer = tokenizer;
        this.prompts = prompts;
        this.threads = threads;
    }

    @Override public String selects() { return FIGURE; }

    @Override public Map<String, Double> evaluate(VantageModel model, int step) {
        TextToSql engine = new TextToSql(new Generator(model, TokenTexts.of(tokenizer)), new PromptEncoder(tokenizer, prompts));
        Vantage.Options greedy = Vantage.Options.DEFAULT.withGeneration(GenerationConfig.greedy(192));
        var settings = new SpiderBenchmark.Settings(subset, out.resolve("dev-eval").resolve("step-" + step), greedy, threads, 0, false, 1);
        try {
            ObjectNode summary = new SpiderBenchmark(Vantage.of(engine)).run(settings);
            Map<String, Double> figures = new LinkedHashMap<>();
            figures.put(FIGURE, summary.get("execution_accuracy").asDouble());
            figures.put("dev_exact_match", summary.get("exact_match").asDouble());
            figures.put("dev_valid_sql", summary.get("valid_sql_rate").asDouble());
            return figures;
        } catch (IOException e) {
            throw new UncheckedIOException("dev evaluation at step " + step + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new IllegalStateException("dev evaluation at step " + step + ": " + e.getMessage(), e);
        }
    }
}
