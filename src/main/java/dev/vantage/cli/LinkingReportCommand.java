package dev.vantage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vantage.config.VantageConfig;
import dev.vantage.data.preprocess.EncodingLimits;
import dev.vantage.data.preprocess.LinkingAudit;
import dev.vantage.data.preprocess.PromptEncoder;
import dev.vantage.data.preprocess.PromptOptions;
import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.SchemaReaders;
import dev.vantage.data.schema.SchemaSerializer;
import dev.vantage.data.tokenizer.BpeTokenizer;
import dev.vantage.data.tokenizer.BpeTrainer;
import dev.vantage.data.tokenizer.SpecialTokens;
import dev.vantage.data.tokenizer.TokenizerJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code vantage linking-report --spider DIR}: schema linking and pruning measured against gold SQL. */
@Command(name = "linking-report", mixinStandardHelpOptions = true,
        description = {"Measure on a Spider-style questions file (schemas from tables.json): the share of questions whose model "
                + "input keeps every table and column the gold SQL uses, with pruning and with plain truncation at the same "
                + "budget; mean input lengths; the linker's precision and recall against the gold tables and columns."})
public final class LinkingReportCommand implements Callable<Integer> {
    @Option(names = "--spider", required = true, description = "folder with tables.json, the questions file and database/")
    Path spider;

    @Option(names = "--questions", defaultValue = "dev.json", description = "questions file inside the folder (default: ${DEFAULT-VALUE})")
    String questions;

    @Option(names = "--config", defaultValue = "tiny", description = "config whose data section sets the format (default: ${DEFAULT-VALUE})")
    String config;

    @Option(names = "--tokenizer", description = "tokenizer.json (e.g. preprocess output); without it one is trained on "
            + "train_spider.json's questions and the tables.json schemas")
    Path tokenizer;

    @Option(names = "--max-schema-tokens", description = "budget instead of the config's data.max_schema_tokens")
    Integer maxSchemaTokens;

    @Option(names = "--misses", description = "print each question whose input misses something the gold SQL uses")
    boolean misses;

    @Override public Integer call() throws Exception {
        VantageConfig cfg = VantageConfig.load(config);
        PromptOptions o = cfg.data().prompt();
        if (maxSchemaTokens != null) {
            EncodingLimits l = o.limits();
            o = new PromptOptions(o.schema(), new EncodingLimits(l.maxQuestionTokens(), l.maxSqlTokens(), maxSchemaTokens),
                    o.questionInEncoder(), o.questionInDecoder(), o.normalizeSql());
        }
        Path file = spider.resolve(questions);
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + ": no such questions file");
        Map<String, DatabaseSchema> schemas = SchemaReaders.fromTablesJson(spider.resolve("tables.json"));
        BpeTokenizer tok = tokenizer != null ? TokenizerJson.load(tokenizer) : train(schemas, cfg.tokenizerVocabSize(), o);
        List<LinkingAudit.Question> qs = new ArrayList<>();
        for (JsonNode e : new ObjectMapper().readTree(file.toFile())) {
            qs.add(new LinkingAudit.Question(e.path("question").asText(), e.path("query").asText(), e.path("db_id").asText()));
        }
        long t0 = System.nanoTime();
        LinkingAudit.Report r = LinkingAudit.run(qs, schemas, spider.resolve("database"), new PromptEncoder(tok, o),
                misses ? line -> System.out.println("  miss: " + line) : null);
        System.out.println(r);
        System.err.printf("(%.1f s)%n", (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    private BpeTokenizer train(Map<String, DatabaseSchema> schemas, int vocab, PromptOptions o) throws Exception {
        System.err.println("no --tokenizer: training one with " + vocab + " tokens on train_spider.json and the tables.json schemas");
        List<String> texts = new ArrayList<>();
        for (DatabaseSchema s : schemas.values()) texts.add(SchemaSerializer.serialize(s, o.schema()));
        Path train = spider.resolve("train_spider.json");
        if (Files.isRegularFile(train)) {
            for (JsonNode e : new ObjectMapper().readTree(train.toFile())) {
                texts.add(e.path("question").asText());
                texts.add(e.path("query").asText());
            }
        }
        return new BpeTrainer(vocab, 2, SpecialTokens.ALL).quiet().train(texts);
    }
}
