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
 * BIRD as distributed: {@code train.json} / {@code dev.json} (JSON arrays of {db_id, question,
 * evidence, SQL}, dev also with question_id and difficulty), databases under
 * {@code train_databases/<db>/<db>.sqlite} / {@code dev_databases/<db>/<db>.sqlite}, each database
 * folder with {@code database_description/<table>.csv}. The official archives unpack to
 * {@code train/} and {@code dev_<date>/}; both the root and its direct subfolders are searched.
 */
public final class BirdLoader implements DatasetLoader {
    private final Path root;
    private final Map<String, Map<String, Map<String, String>>> descriptions = new ConcurrentHashMap<>();
    private final LoadReport descriptionProblems = new LoadReport("bird/database_description");

    public BirdLoader(Path root) { this.root = root; }

    public static boolean looksLike(Path dir) {
        return new BirdLoader(dir).splits().size() > 0;
    }

    @Override public String name() { return "bird"; }

    @Override public List<String> splits() {
        List<String> s = new ArrayList<>();
        for (String split : List.of("train", "dev")) if (find(split + ".json").isPresent()) s.add(split);
        return s;
    }

    /** A file or folder in the root or one of its direct subfolders. */
    private Optional<Path> find(String name) {
        if (Files.exists(root.resolve(name))) return Optional.of(root.resolve(name));
        if (!Files.isDirectory(root)) return Optional.empty();
        try (Stream<Path> sub = Files.list(root)) {
            return sub.filter(Files::isDirectory).sorted().map(d -> d.resolve(name)).filter(Files::exists).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private List<Path> databaseRoots() {
        List<Path> roots = new ArrayList<>();
        for (String split : List.of("train", "dev")) find(split + "_databases").ifPresent(roots::add);
        return roots;
    }

    @Override public DatabaseLocator databases() {
        List<DatabaseLocator> locators = databaseRoots().stream().map(DatabaseLocator::perDatabaseDirectory).toList();
        return dbId -> locators.stream().map(l -> l.sqlitePath(dbId)).flatMap(Optional::stream).findFirst();
    }

    @Override public Map<String, Map<String, String>> columnDescriptions(String dbId) {
        return databases().sqlitePath(dbId)
                .map(p -> descriptions.computeIfAbsent(dbId, k -> {
                    synchronized (descriptionProblems) {
                        return BirdColumnDescriptions.read(p.getParent().resolve("database_description"), descriptionProblems);
                    }
                }))
                .orElse(Map.of());
    }

    /** Problems met while reading database_description CSVs so far. */
    public LoadReport descriptionProblems() { return descriptionProblems; }

    @Override public LoadedSplit load(String split) {
        if (!List.of("train", "dev").contains(split)) {
            throw new IllegalArgumentException("BIRD has splits train and dev, not '" + split + "'");
        }
        Path file = find(split + ".json").orElseThrow(() ->
                new IllegalArgumentException("BIRD split " + split + ": no " + split + ".json under " + root));
        LoadReport report = new LoadReport("bird/" + split);
        List<Example> out = new ArrayList<>();
        DatabaseLocator dbs = databases();
        JsonRecords.readArray(file, report, (node, index, location) -> {
            RecordFields r = new RecordFields(node, file.toString(), location);
            String db = r.text("db_id"), question = r.text("question"), sql = r.text("SQL");
            String evidence = r.optionalText("evidence");
            String qid = r.optionalText("question_id");
            if (!r.accept(report)) return;
            if (dbs.sqlitePath(db).isEmpty()) report.missingDatabase(db);
            String id = "bird/" + split + "/" + (qid.isEmpty() ? index : qid);
            out.add(new Example(id, name(), db, question.strip(), evidence.strip(), sql.strip()));
        });
        return new LoadedSplit(name(), split, out, report);
    }
}
