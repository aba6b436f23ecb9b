package dev.vantage.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vantage.data.dataset.SpiderLoader;
import dev.vantage.data.preprocess.SchemaSource;
import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.SchemaReaders;
import dev.vantage.data.schema.ValueIndex;
import dev.vantage.engine.Parallel;
import dev.vantage.evaluation.execution.SqliteConnector;
import dev.vantage.evaluation.report.ReportWriter;
import dev.vantage.evaluation.spider.EvalType;
import dev.vantage.evaluation.spider.GoldQuery;
import dev.vantage.evaluation.spider.SpiderEvaluator;
import dev.vantage.evaluation.spider.SpiderFiles;
import dev.vantage.evaluation.spider.SpiderReport;
import dev.vantage.evaluation.spider.SpiderScores;
import dev.vantage.engine.io.AtomicFiles;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A model on a Spider-format benchmark: generates SQL for every question (schemas and values as
 * preprocessing reads them, from the SQLite file where it exists, else from tables.json), then scores the predictions
 * with the project's evaluator. Writes {@code predictions.sql}, {@code gold.sql},
 * {@code answers.jsonl} (every candidate and why it was passed over), {@code summary.json},
 * {@code report.json} and {@code report.html}.
 */
public final class SpiderBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A Spider-format benchmark: questions (question, query, db_id), tables.json and the database folder. */
    public record Inputs(Path questions, Path tables, Path dbDir) {
        public void check() {
            if (!Files.isRegularFile(questions)) throw new IllegalArgumentException("--questions " + questions + ": no such file");
            if (!Files.isRegularFile(tables)) throw new IllegalArgumentException("--tables " + tables + ": no such file");
            if (!Files.isDirectory(dbDir)) throw new IllegalArgumentException("--db-dir " + dbDir + ": no such folder");
        }
    }

    /** threads: batches generated side by side; batch: questions per batch (1: one at a time). */
    public record Settings(Inputs files, Path out, Vantage.Options options, int threads, int limit, boolean progress, int batch) {
        public Settings {
            if (batch < 1) throw new IllegalArgumentException("batch " + batch + ": must be at least 1");
        }
    }

    private final Vantage vantage;

    public SpiderBenchmark(Vantage vantage) { this.vantage = vantage; }

    record Question(String text, String gold, String dbId) {}

    private record Outcome(Vantage.Result result, String error, long nanos) {}

    public ObjectNode run(Settings s) throws Exception {
        s.files().check();
        List<Question> questions = readQuestions(s.files().questions(), s.limit());
        Map<String, DatabaseSchema> schemas = SchemaReaders.fromTablesJson(s.files().tables());
        for (Question q : questions)
            if (!schemas.containsKey(q.dbId())) throw new IllegalArgumentException(s.files().questions() + ": db_id '" + q.dbId() + "' is not in " + s.files().tables());
        Files.createDirectories(s.out());
        Map<String, Vantage.Database> databases = new ConcurrentHashMap<>();
        Outcome[] outcomes = new Outcome[questions.size()];
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(s.threads());
        try (ProgressBar bar = s.progress() ? new ProgressBarBuilder().setTaskName("generate").setInitialMax(questions.size())
                .setStyle(ProgressBarStyle.ASCII).continuousUpdate().build() : null) {
            List<Future<?>> tasks = new ArrayList<>();
            for (List<Integer> group : batches(questions, s.batch())) {
                tasks.add(pool.submit(() -> {
                    String dbId = questions.get(group.getFirst()).dbId();
                    Vantage.Database db = databases.computeIfAbsent(dbId, id -> database(schemas.get(id), s.files()));
                    // each batch on one pool thread: its kernels run inline, batches run side by side
                    Parallel.onOneThread(() -> answer(questions, group, db, s.options(), outcomes));
                    if (bar != null) bar.stepBy(group.size());
                }));
            }
            for (Future<?> f : tasks) f.get();
        } finally {
            pool.shutdown();
        }
        long generationNanos = System.nanoTime() - t0;

        List<String> predictions = new ArrayList<>();
        StringBuilder predText = new StringBuilder(), goldText = new StringBuilder(), answers = new StringBuilder();
        List<GoldQuery> gold = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            Question q = questions.get(i);
            Outcome o = outcomes[i];
            String sql = o.result() == null ? "SELECT" : oneLine(o.result().sql());
            predictions.add(sql);
            gold.add(new GoldQuery(i + 1, q.gold(), q.dbId()));
            predText.append(sql).append('\n');
            goldText.append(oneLine(q.gold())).append('\t').append(q.dbId()).append('\n');
            answers.append(new ObjectMapper().writeValueAsString(answerJson(i, q, o))).append('\n');
        }
        AtomicFiles.writeString(s.out().resolve("predictions.sql"), predText.toString());
        AtomicFiles.writeString(s.out().resolve("gold.sql"), goldText.toString());
        AtomicFiles.writeString(s.out().resolve("answers.jsonl"), answers.toString());

        SpiderFiles.Tables tables = SpiderFiles.readTables(s.files().tables());
        SpiderEvaluator evaluator = new SpiderEvaluator(s.files().dbDir(), tables.foreignKeys(), tables.schemas(),
                new SpiderEvaluator.Options(EvalType.ALL, false, s.threads(), s.options().limits(), s.progress()));
        SpiderEvaluator.Run run = evaluator.evaluate(gold, predictions);
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("questions", s.files().questions().toString());
        inputs.put("db-dir", s.files().dbDir().toString());
        inputs.put("decoding", describe(s.options()));
        ReportWriter.write(SpiderReport.build(run, EvalType.ALL, inputs), s.out());

        ObjectNode summary = summary(run, outcomes, s, generationNanos);
        AtomicFiles.writeString(s.out().resolve("summary.json"), JSON.writeValueAsString(summary));
        return summary;
    }

    /**
     * Answers a group of questions on one database into outcomes: one call (a batch unless decoding
     * samples), or question by question when the group is one question or the batch call fails, so
     * that one bad question costs only its own answer. Each question's time is its group's.
     */
    private void answer(List<Question> questions, List<Integer> group, Vantage.Database db, Vantage.Options options, Outcome[] outcomes) {
        if (group.size() > 1) {
            long start = System.nanoTime();
            try {
                List<Vantage.Result> rs = vantage.generateAll(group.stream().map(i -> questions.get(i).text()).toList(), db, options);
                long nanos = System.nanoTime() - start;
                for (int j = 0; j < group.size(); j++) outcomes[group.get(j)] = new Outcome(rs.get(j), null, nanos);
                return;
            } catch (RuntimeException e) {
                // one of them is at fault: answer each alone below
            }
        }
        for (int i : group) {
            long start = System.nanoTime();
            try {
                outcomes[i] = new Outcome(vantage.generate(questions.get(i).text(), db, options), null, System.nanoTime() - start);
            } catch (RuntimeException e) {
                outcomes[i] = new Outcome(null, e.getClass().getSimpleName() + ": " + e.getMessage(), System.nanoTime() - start);
            }
        }
    }

    /** Runs of consecutive questions on the same database, at most size long (Spider lists a database's questions together). */
    static List<List<Integer>> batches(List<Question> questions, int size) {
        List<List<Integer>> out = new ArrayList<>();
        List<Integer> cur = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            if (!cur.isEmpty() && (cur.size() == size || !questions.get(i).dbId().equals(questions.get(cur.getFirst()).dbId()))) {
                out.add(cur);
                cur = new ArrayList<>();
            }
            cur.add(i);
        }
        if (!cur.isEmpty()) out.add(cur);
        return out;
    }

    /**
     * The database as training saw it: the SQLite file's schema with tables.json's readable names as
     * descriptions, and its values ({@link SchemaSource}, the preprocessing path); tables.json's schema
     * alone when the file is missing (no values, no execution guidance).
     */
    private Vantage.Database database(DatabaseSchema declared, Inputs files) {
        Path file = files.dbDir().resolve(declared.dbId()).resolve(declared.dbId() + ".sqlite");
        if (!Files.isRegularFile(file)) return new Vantage.Database(declared, null, null);
        Path root = files.tables().toAbsolutePath().getParent();
        if (root != null && root.resolve("database").toAbsolutePath().normalize().equals(files.dbDir().toAbsolutePath().normalize())) {
            var resolved = new SchemaSource(ValueIndex.DEFAULT_MAX_DISTINCT).resolve(new SpiderLoader(root), declared.dbId(), true);
            if (resolved.isPresent()) return new Vantage.Database(resolved.get().schema(), resolved.get().values(), new SqliteConnector(file));
        }
        return new Vantage.Database(SchemaReaders.fromSqlite(file), ValueIndex.build(file), new SqliteConnector(file));
    }

    private static ObjectNode summary(SpiderEvaluator.Run run, Outcome[] outcomes, Settings s, long generationNanos) {
        ObjectNode n = JSON.createObjectNode();
        SpiderScores.Level all = run.scores().get("all");
        n.put("questions", outcomes.length);
        n.put("execution_accuracy", all.exec());
        n.put("exact_match", all.exact());
        n.put("skipped_for_execution", run.questions().stream().filter(q -> q.exec() == null).count());
        n.put("valid_sql_rate", run.validSqlRate());
        ObjectNode levels = n.putObject("by_hardness");
        for (String l : SpiderScores.LEVELS) {
            SpiderScores.Level v = run.scores().get(l);
            if (v == null) continue;
            ObjectNode o = levels.putObject(l);
            o.put("count", v.count());
            o.put("execution_accuracy", v.exec());
            o.put("exact_match", v.exact());
        }
        n.put("decoding", describe(s.options()));
        n.put("threads", s.threads());
        n.put("batch", s.batch());
        long[] ms = Arrays.stream(outcomes).mapToLong(o -> o.nanos() / 1_000_000).sorted().toArray();
        n.put("latency_ms_p50", ms[ms.length / 2]);
        n.put("latency_ms_p95", ms[Math.min(ms.length - 1, (int) Math.ceil(ms.length * 0.95) - 1)]);
        n.put("generation_seconds", generationNanos / 1e9);
        n.put("generation_errors", Arrays.stream(outcomes).filter(o -> o.error() != null).count());
        n.put("guided_answers", Arrays.stream(outcomes).filter(o -> o.result() != null && o.result().guided()).count());
        n.put("skipped", String.join("; ", SpiderEvaluator.skipSummary(run.questions())));
        return n;
    }

    private static ObjectNode answerJson(int i, Question q, Outcome o) {
        ObjectNode a = JSON.createObjectNode();
        a.put("index", i);
        a.put("db_id", q.dbId());
        a.put("question", q.text());
        a.put("gold", q.gold());
        a.put("ms", o.nanos() / 1_000_000);
        if (o.error() != null) {
            a.put("error", o.error());
            return a;
        }
        a.put("sql", o.result().sql());
        a.put("guided", o.result().guided());
        a.put("pruned_tables", o.result().details().prompt().schema().droppedTables().size());
        ArrayNode alts = a.putArray("candidates");
        for (var alt : o.result().alternatives()) {
            ObjectNode c = alts.addObject();
            c.put("sql", alt.sql());
            c.put("score", alt.score());
            if (!alt.problem().isEmpty()) c.put("problem", alt.problem());
        }
        return a;
    }

    static String describe(Vantage.Options o) {
        var g = o.generation();
        String strategy = switch (g.strategy()) {
            case GREEDY -> "greedy";
            case BEAM -> "beam " + g.beamWidth();
            case SAMPLING -> "sampling";
        };
        String constraints = !o.constrained() ? "off"
                : "on (values " + (g.valueConstraint() ? "on" : "off") + ", structure limits " + (g.structureLimits() ? "on" : "off")
                + (g.linkWeight() > 0 ? ", link weight " + g.linkWeight() : "") + ")";
        return String.format(Locale.ROOT, "%s, constraints %s, execution guidance %s%s", strategy, constraints,
                o.executionGuided() ? "on" : "off", o.executionGuided() && o.rejectEmpty() ? " (empty results rejected)" : "");
    }

    private static String oneLine(String sql) {
        String s = sql.replaceAll("\\s+", " ").strip();
        return s.isEmpty() ? "SELECT" : s;
    }

    private static List<Question> readQuestions(Path file, int limit) throws IOException {
        JsonNode root = JSON.readTree(file.toFile());
        if (root == null || !root.isArray()) throw new IllegalArgumentException(file + ": expected a JSON array of {question, query, db_id}");
        List<Question> out = new ArrayList<>();
        for (int i = 0; i < root.size() && (limit <= 0 || out.size() < limit); i++) {
            JsonNode x = root.get(i);
            for (String f : List.of("question", "query", "db_id"))
                if (!x.path(f).isTextual()) throw new IllegalArgumentException(file + ": entry " + i + " has no text field '" + f + "'");
            out.add(new Question(x.get("question").asText(), x.get("query").asText(), x.get("db_id").asText()));
        }
        if (out.isEmpty()) throw new IllegalArgumentException(file + ": no questions");
        return out;
    }
}
