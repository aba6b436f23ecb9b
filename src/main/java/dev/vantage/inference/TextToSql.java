package dev.vantage.inference;

import dev.vantage.data.preprocess.Prompt;
import dev.vantage.data.preprocess.PromptEncoder;
import dev.vantage.data.preprocess.PromptOptions;
import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.ValueIndex;
import dev.vantage.data.sql.SqlNormalizer;
import dev.vantage.data.sql.SqlParseException;
import dev.vantage.data.tokenizer.BpeTokenizer;
import dev.vantage.data.tokenizer.TokenizerJson;
import dev.vantage.inference.constraint.LinkScores;
import dev.vantage.inference.constraint.QuestionConstraint;
import dev.vantage.model.Checkpoint;
import dev.vantage.model.VantageModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Question and schema in, SQL out: the prompt exactly as training built it ({@link PromptEncoder}),
 * generation with the schema constraint, detokenizing, the schema's own spelling restored, and
 * execution guidance (the first candidate that passes the {@link CandidateCheck} wins). Immutable:
 * one instance serves any number of threads.
 */
public final class TextToSql {
    private final Generator generator;
    private final PromptEncoder prompts;

    public TextToSql(Generator generator, PromptEncoder prompts) {
        this.generator = generator;
        this.prompts = prompts;
    }

    /**
     * A model directory's config.json, model.safetensors and tokenizer.json; {@code options} must be
     * those its training data was built with (the data section of its vantage.yaml).
     */
    public static TextToSql load(Path modelDir, PromptOptions options) {
        return load(List.of(modelDir), options);
    }

    /**
     * An ensemble of model directories decoding as one ({@link Generator#Generator(List, TokenTexts)}):
     * all must have the same tokenizer.json, and {@code options} must be the prompts all were trained on.
     */
    public static TextToSql load(List<Path> modelDirs, PromptOptions options) {
        if (modelDirs.isEmpty()) throw new IllegalArgumentException("no model directory");
        List<VantageModel> models = new ArrayList<>();
        String tokenizerJson = null;
        for (Path dir : modelDirs) {
            if (!Files.isDirectory(dir)) throw new IllegalArgumentException(dir + ": no such model directory");
            Path tok = dir.resolve("tokenizer.json");
            if (!Files.isRegularFile(tok)) throw new IllegalArgumentException(dir + ": no tokenizer.json (a model directory from `vantage train` has one)");
            String text;
            try {
                text = Files.readString(tok);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + tok + ": " + e.getMessage(), e);
            }
            if (tokenizerJson == null) tokenizerJson = text;
            else if (!tokenizerJson.equals(text))
                throw new IllegalArgumentException(tok + " differs from " + modelDirs.getFirst().resolve("tokenizer.json") + ": an ensemble's models must share one tokenizer");
            models.add(Checkpoint.load(dir));
        }
        BpeTokenizer tokenizer;
        try {
            tokenizer = TokenizerJson.load(modelDirs.getFirst().resolve("tokenizer.json"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + modelDirs.getFirst().resolve("tokenizer.json") + ": " + e.getMessage(), e);
        }
        return new TextToSql(new Generator(models, TokenTexts.of(tokenizer)), new PromptEncoder(tokenizer, options));
    }

    public Generator generator() { return generator; }
    public PromptEncoder prompts() { return prompts; }

    /**
     * @param values      the database's values for value linking, or null
     * @param constrained schema-constrained decoding
     * @param checkOrNull execution guidance, or null for none
     */
    public record Request(String question, DatabaseSchema schema, ValueIndex values, GenerationConfig generation,
                          boolean constrained, CandidateCheck checkOrNull) {}

    /** One candidate as SQL, with why it was passed over (empty when it was not). */
    public record Alternative(String sql, double score, boolean finished, String problem) {}

    /**
     * @param sql          the answer: the first candidate the check accepted, else the best-ranked one
     * @param alternatives every candidate, best-ranked first
     * @param guided       whether execution guidance chose another candidate than the best-ranked
     */
    public record Answer(String sql, double score, List<Alternative> alternatives, boolean guided, Prompt prompt,
                         GenerationResult.Stats stats) {}

    public Answer answer(Request r) {
        Prepared p = prepare(r);
        return answer(r, p.prompt, generator.generate(p.input.schemaIds(), p.input.decoderPrefix(), r.generation(), p.input.constraint()));
    }

    /**
     * Several requests in order. When they share one greedy or beam generation config, their decoding
     * runs as one batch ({@link Generator#generateAll}); otherwise one after another.
     */
    public List<Answer> answerAll(List<Request> requests) {
        if (requests.isEmpty()) return List.of();
        GenerationConfig gc = requests.getFirst().generation();
        if (gc.strategy() == GenerationConfig.Strategy.SAMPLING || requests.stream().anyMatch(r -> !r.generation().equals(gc)))
            return requests.stream().map(this::answer).toList();
        List<Prepared> prepared = requests.stream().map(this::prepare).toList();
        List<GenerationResult> generated = generator.generateAll(prepared.stream().map(Prepared::input).toList(), gc);
        List<Answer> out = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) out.add(answer(requests.get(i), prepared.get(i).prompt, generated.get(i)));
        return out;
    }

    /** A request's prompt and what the generator takes for it. */
    private record Prepared(Prompt prompt, Generator.Input input) {}

    private Prepared prepare(Request r) {
        Prompt prompt = prompts.encode(r.question(), r.schema(), r.values());
        GenerationConfig gc = r.generation();
        LinkScores links = gc.linkWeight() > 0 ? LinkScores.of(r.schema(), prompt.links()) : LinkScores.NONE;
        // the values linked to the question (more than the prompt shows) come from r.values() inside
        TokenConstraint constraint = r.constrained() ? QuestionConstraint.of(r.schema(), r.question(), List.of(),
                new QuestionConstraint.Rules(gc.valueConstraint(), gc.structureLimits()), links,
                r.values()) : TokenConstraint.NONE;
        return new Prepared(prompt, new Generator.Input(prompt.schemaIds(), prompt.decoderPrefix(), constraint));
    }

    /** Candidates to SQL, and the answer: the first the check accepts. */
    private Answer answer(Request r, Prompt prompt, GenerationResult g) {
        List<Alternative> alternatives = new ArrayList<>();
        int chosen = -1;
        for (Candidate c : g.candidates()) {
            // an unfinished query stays as generated: the normalizer would make it look whole (`JOIN singer_in_c AS T2`)
            String text = prompts.tokenizer().decode(c.tokens());
            String sql = c.finished() ? restoreSpelling(text, r.schema()) : text.strip();
            String problem = "";
            if (!c.finished()) problem = "unfinished (token limit or no allowed continuation)";
            else if (chosen < 0 && r.checkOrNull() != null) problem = r.checkOrNull().problem(sql).orElse("");
            if (chosen < 0 && problem.isEmpty()) chosen = alternatives.size();
            alternatives.add(new Alternative(sql, c.score(), c.finished(), problem));
        }
        int pick = chosen >= 0 ? chosen : firstFinished(alternatives);
        return new Answer(alternatives.get(pick).sql(), alternatives.get(pick).score(), alternatives, pick > 0, prompt, g.stats());
    }

    /** With no candidate accepted, a finished one (it may fail to execute) beats an unfinished one. */
    private static int firstFinished(List<Alternative> alternatives) {
        for (int i = 0; i < alternatives.size(); i++) if (alternatives.get(i).finished()) return i;
        return 0;
    }

    /** The schema's spelling of names and one canonical layout when the SQL parses; else the text as generated. */
    static String restoreSpelling(String sql, DatabaseSchema schema) {
        String s = sql.strip();
        if (s.isEmpty()) return s;
        try {
            return SqlNormalizer.normalize(s, schema);
        } catch (SqlParseException | IllegalArgumentException | UnsupportedOperationException e) {
            return s;
        }
    }
}
