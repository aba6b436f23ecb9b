package dev.vantage.api;

import dev.vantage.config.VantageConfig;
import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.SchemaReaders;
import dev.vantage.data.schema.ValueIndex;
import dev.vantage.evaluation.execution.DatabaseConnector;
import dev.vantage.evaluation.execution.ExecutionLimits;
import dev.vantage.evaluation.execution.ExecutionOutcome;
import dev.vantage.evaluation.execution.SafeExecutor;
import dev.vantage.evaluation.execution.SqliteConnector;
import dev.vantage.inference.CandidateCheck;
import dev.vantage.inference.GenerationConfig;
import dev.vantage.inference.TextToSql;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Java API: a loaded model that turns questions about a database into SQL.
 * <pre>{@code
 * Vantage vantage = Vantage.load();                                   // the bundled model
 * Database db = Database.sqlite(Path.of("examples/concert_singer.sqlite"));
 * Vantage.Result r = vantage.generate("How many singers are there?", db, Vantage.Options.DEFAULT);
 * System.out.println(r.sql());
 * }</pre>
 * One instance serves any number of threads; each call has its own decoding state.
 */
public final class Vantage {
    /** Where the bundled model lives, relative to the project (and to the jar's parent's parent). */
    public static final Path BUNDLED = Path.of("models", "vantage-spider-tiny");

    private final TextToSql engine;
    private final Options defaults;

    private Vantage(TextToSql engine, Options defaults) {
        this.engine = engine;
        this.defaults = defaults;
    }

    /** The bundled model: {@code $VANTAGE_MODEL}, else {@code models/vantage-spider-tiny} of the project. */
    public static Vantage load() { return load(bundledModel()); }

    /**
     * A model directory written by {@code vantage train} (config.json, model.safetensors, tokenizer.json,
     * vantage.yaml): the data section of its vantage.yaml builds the prompts as training did, its
     * inference section gives {@link #defaults()}.
     */
    public static Vantage load(Path modelDir) {
        return load(modelDir, List.of());
    }

    /**
     * {@code modelDir} in an ensemble with the models of {@code others}: every step's next-token
     * probability is the mean of the models' (docs/CONSTRAINED-DECODING.md, "Ensembles"). All must share
     * one tokenizer and the prompts of {@code modelDir}'s data section; its inference section gives {@link #defaults()}.
     */
    public static Vantage load(Path modelDir, List<Path> others) {
        VantageConfig c = VantageConfig.ofModelDirectory(modelDir);
        for (Path o : others)
            if (!VantageConfig.ofModelDirectory(o).data().prompt().equals(c.data().prompt()))
                throw new IllegalArgumentException(o.resolve("vantage.yaml") + ": its data section builds other prompts than " + modelDir.resolve("vantage.yaml") + "'s; an ensemble's models must read the same prompts");
        Options defaults = Options.DEFAULT.withGeneration(c.inference().generation()).withConstrained(c.inference().constrained());
        List<Path> dirs = new ArrayList<>();
        dirs.add(modelDir);
        dirs.addAll(others);
        return new Vantage(TextToSql.load(dirs, c.data().prompt()), defaults);
    }

    /** A model already in memory (e.g. the one being trained), with its prompt encoder; {@link #defaults()} are {@link Options#DEFAULT}. */
    public static Vantage of(TextToSql engine) { return new Vantage(engine, Options.DEFAULT); }

    /** The model directory's own decoding options (the inference section of its vantage.yaml), else {@link Options#DEFAULT}. */
    public Options defaults() { return defaults; }

    public static Path bundledModel() {
        String env = System.getenv("VANTAGE_MODEL");
        if (env != null && !env.isBlank()) return Path.of(env);
        List<Path> tried = new ArrayList<>();
        tried.add(BUNDLED.toAbsolutePath());
        try {
            Path jar = Path.of(Vantage.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (jar.getParent() != null && jar.getParent().getParent() != null) tried.add(jar.getParent().getParent().resolve(BUNDLED));
        } catch (Exception ignored) {
            // no code source (e.g. a custom class loader): the working directory is all we have
        }
        for (Path p : tried) if (Files.isRegularFile(p.resolve("config.json"))) return p;
        throw new IllegalArgumentException("no bundled model at " + tried + ": pass a model directory (--model DIR) or set VANTAGE_MODEL");
    }

    /**
     * How to generate.
     *
     * @param generation       greedy, beam or sampling ({@link GenerationConfig})
     * @param constrained      only SQL that is a valid query over the schema (default true)
     * @param executionGuided  with a database at hand, the first candidate that executes wins (default true)
     * @param rejectEmpty      execution guidance also passes over candidates with an empty result
     * @param limits           bounds on each execution
     */
    public record Options(GenerationConfig generation, boolean constrained, boolean executionGuided, boolean rejectEmpty,
                          ExecutionLimits limits) {
        public static final Options DEFAULT = new Options(GenerationConfig.greedy(192), true, true, false,
                new ExecutionLimits(java.time.Duration.ofSeconds(5), 100_000, 64L << 20));

        public Options withGeneration(GenerationConfig g) { return new Options(g, constrained, executionGuided, rejectEmpty, limits); }
        public Options withConstrained(boolean on) { return new Options(generation, on, executionGuided, rejectEmpty, limits); }
        public Options withExecutionGuided(boolean on) { return new Options(generation, constrained, on, rejectEmpty, limits); }
        public Options withRejectEmpty(boolean on) { return new Options(generation, constrained, executionGuided, on, limits); }
    }

    /** The answer: SQL, its score, and every candidate with why it was passed over. */
    public record Result(String sql, double score, List<TextToSql.Alternative> alternatives, boolean guided,
                         TextToSql.Answer details) {}

    /** A question about a schema alone (no database to execute on: no execution guidance, no value linking). */
    public Result generate(String question, DatabaseSchema schema, Options options) {
        return result(engine.answer(new TextToSql.Request(question, schema, null, options.generation(), options.constrained(), null)));
    }

    /** A question about a database: its schema and values are read once into {@code db}. */
    public Result generate(String question, Database db, Options options) {
        CandidateCheck check = guidance(db, options);
        return result(engine.answer(new TextToSql.Request(question, db.schema(), db.values(), options.generation(), options.constrained(), check)));
    }

    /**
     * Several questions about one database, answered on the calling thread in order; with greedy
     * decoding (the default) or beam search they decode as one batch, which reads the weights once per step for all.
     */
    public List<Result> generateAll(List<String> questions, Database db, Options options) {
        CandidateCheck check = guidance(db, options);
        List<TextToSql.Request> requests = questions.stream()
                .map(q -> new TextToSql.Request(q, db.schema(), db.values(), options.generation(), options.constrained(), check)).toList();
        return engine.answerAll(requests).stream().map(Vantage::result).toList();
    }

    public TextToSql engine() { return engine; }

    private static Result result(TextToSql.Answer a) {
        return new Result(a.sql(), a.score(), a.alternatives(), a.guided(), a);
    }

    /** Execution guidance on the database, when asked for and the database can run queries; else null. */
    private static CandidateCheck guidance(Database db, Options options) {
        return options.executionGuided() && db.connector() != null ? executes(db.connector(), options) : null;
    }

    /** Execution guidance through the safe executor: errors (and optionally empty results) give way. */
    static CandidateCheck executes(DatabaseConnector connector, Options options) {
        return sql -> {
            try (SafeExecutor ex = new SafeExecutor(options.limits()); Connection c = connector.open()) {
                ExecutionOutcome o = ex.execute(c, sql);
                if (!o.isOk()) return Optional.of(o.status().name().toLowerCase() + ": " + o.message());
                if (options.rejectEmpty() && o.result().rows().isEmpty()) return Optional.of("empty result");
                return Optional.empty();
            } catch (SQLException e) {
                return Optional.of("cannot open the database: " + e.getMessage());
            }
        };
    }

    /**
     * A database to ask about: its schema, its values for linking, and a connector for execution
     * guidance (null: schema only).
     */
    public record Database(DatabaseSchema schema, ValueIndex values, DatabaseConnector connector) {
        public static Database sqlite(Path file) {
            if (!Files.isRegularFile(file)) throw new IllegalArgumentException(file + ": no such SQLite file");
            return new Database(SchemaReaders.fromSqlite(file), ValueIndex.build(file), new SqliteConnector(file));
        }

        /** A schema from CREATE TABLE statements; values from any INSERT rows in the text. */
        public static Database ddl(String dbId, String ddl) {
            DatabaseSchema s = SchemaReaders.fromDdl(dbId, ddl);
            return new Database(s, ValueIndex.fromSamples(s), null);
        }

        /** A live JDBC database (read through the connector's own connection for the schema). */
        public static Database jdbc(DatabaseConnector connector) {
            try (Connection c = connector.open()) {
                return new Database(SchemaReaders.fromJdbc(c, null), null, connector);
            } catch (SQLException e) {
                throw new IllegalArgumentException("cannot read the schema of " + connector + ": " + e.getMessage(), e);
            }
        }
    }
}
