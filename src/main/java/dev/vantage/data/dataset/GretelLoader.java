package dev.vantage.data.dataset;

import dev.vantage.data.Example;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * gretelai/synthetic_text_to_sql exported as JSON or JSONL (one record per row with id, sql_prompt,
 * sql_context, sql, and the descriptive fields domain, sql_complexity, sql_task_type, ...). The
 * split is taken from the file name ({@code *train*}, {@code *test*}). Each row's db_id is
 * {@code gretel_<id>}; its database is built from the row's sql_context on first use and cached
 * under {@code sqlite-cache/}. The official distribution is Parquet, which this loader does not
 * read (no light Parquet reader without Hadoop is on Maven Central): export it to JSONL first.
 */
public final class GretelLoader implements DatasetLoader {
    private final Path root;
    private final Path cacheDir;
    private final Map<String, String> contexts = new ConcurrentHashMap<>();
    private final LoadReport databaseProblems = new LoadReport("gretel/sql_context");
    private final SqlContextDatabases databases;

    public GretelLoader(Path root) { this(root, root.resolve("sqlite-cache")); }

    public GretelLoader(Path root, Path cacheDir) {
        this.root = root;
        this.cacheDir = cacheDir;
        this.databases = new SqlContextDatabases(cacheDir, contexts::get, databaseProblems);
    }

    public static boolean looksLike(Path dir) {
        return !files(dir, ".jsonl", ".json", ".parquet").isEmpty() && files(dir, ".jsonl", ".json", ".parquet").stream()
                .anyMatch(f -> f.getFileName().toString().contains("text_to_sql"));
    }

    private static List<Path> files(Path dir, String... suffixes) {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(f -> Stream.of(suffixes).anyMatch(x -> f.getFileName().toString().endsWith(x)))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String splitOf(Path f) {
        String n = f.getFileName().toString();
        return n.contains("test") ? "test" : n.contains("train") ? "train" : null;
    }

    @Override public String name() { return "gretel"; }

    @Override public List<String> splits() {
        return files(root, ".jsonl", ".json").stream().map(GretelLoader::splitOf).filter(s -> s != null).distinct().sorted().toList();
    }

    @Override public DatabaseLocator databases() { return databases; }

    /** Problems met building databases from sql_context so far. */
    public LoadReport databaseProblems() { return databaseProblems; }

    public Path cacheDir() { return cacheDir; }

    @Override public LoadedSplit load(String split) {
        List<Path> files = files(root, ".jsonl", ".json").stream().filter(f -> split.equals(splitOf(f))).toList();
        if (files.isEmpty()) {
            boolean parquet = files(root, ".parquet").stream().anyMatch(f -> split.equals(splitOf(f)));
            throw new IllegalArgumentException("Gretel split " + split + ": no *" + split + "*.jsonl or .json under " + root
                    + (parquet ? " (only Parquet is there, which Vantage does not read: export it to JSONL)" : ""));
        }
        LoadReport report = new LoadReport("gretel/" + split);
        List<Example> out = new ArrayList<>();
        for (Path f : files) {
            JsonRecords.read(f, report, (node, index, location) -> {
                RecordFields r = new RecordFields(node, f.toString(), location);
                String id = r.text("id"), question = r.text("sql_prompt"), context = r.text("sql_context"), sql = r.text("sql");
                if (id != null && !id.matches("[A-Za-z0-9_.-]+")) r.fail("id", "not usable as a database name: '" + id + "'");
                if (!r.accept(report)) return;
                String dbId = "gretel_" + id;
                String previous = contexts.putIfAbsent(dbId, context);
                if (previous != null && !previous.equals(context)) {
                    report.problem(new LoadProblem(f.toString(), location, "id", "id " + id + " seen before with another sql_context; the first is used"));
                }
                out.add(new Example("gretel/" + split + "/" + id, name(), dbId, question.strip(), "", sql.strip()));
            });
        }
        return new LoadedSplit(name(), split, out, report);
    }

    /** Builds (or finds cached) every database of the loaded rows; counts the ones SQLite rejects. */
    public Optional<Path> database(String dbId) { return databases.sqlitePath(dbId); }
}
