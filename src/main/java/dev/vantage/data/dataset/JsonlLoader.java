package dev.vantage.data.dataset;

import dev.vantage.data.Example;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A user's own data: JSONL files of {question, sql, db_id, [evidence], [id]} (one file per split,
 * named {@code <split>.jsonl}), with databases under a folder as {@code <db>/<db>.sqlite} or
 * {@code <db>.sqlite}.
 */
public final class JsonlLoader implements DatasetLoader {
    private final String name;
    private final Path dir;
    private final Path databaseDir;

    /** @param dir folder of {@code <split>.jsonl} files, or one .jsonl file (its name is the split) */
    public JsonlLoader(String name, Path dir, Path databaseDir) {
        this.name = name;
        this.dir = dir;
        this.databaseDir = databaseDir;
    }

    @Override public String name() { return name; }

    private List<Path> files() {
        if (Files.isRegularFile(dir)) return List.of(dir);
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String splitOf(Path f) { return f.getFileName().toString().replaceFirst("\\.jsonl$", ""); }

    @Override public List<String> splits() { return files().stream().map(JsonlLoader::splitOf).toList(); }

    @Override public String trainSplit() {
        List<String> s = splits();
        return s.contains("train") || s.isEmpty() ? "train" : s.getFirst();
    }

    @Override public DatabaseLocator databases() {
        DatabaseLocator nested = DatabaseLocator.perDatabaseDirectory(databaseDir);
        return dbId -> nested.sqlitePath(dbId).or(() -> {
            if (dbId.isEmpty() || dbId.contains("/") || dbId.contains("\\") || dbId.startsWith(".")) return Optional.empty();
            Path flat = databaseDir.resolve(dbId + ".sqlite");
            return Files.isRegularFile(flat) ? Optional.of(flat) : Optional.empty();
        });
    }

    @Override public LoadedSplit load(String split) {
        Path file = files().stream().filter(f -> splitOf(f).equals(split)).findFirst().orElseThrow(() ->
                new IllegalArgumentException(name + ": no split '" + split + "' (" + split + ".jsonl) in " + dir));
        LoadReport report = new LoadReport(name + "/" + split);
        List<Example> out = new ArrayList<>();
        DatabaseLocator dbs = databases();
        JsonRecords.readLines(file, report, (node, index, location) -> {
            RecordFields r = new RecordFields(node, file.toString(), location);
            String question = r.text("question"), sql = r.text("sql"), db = r.text("db_id");
            String evidence = r.optionalText("evidence"), id = r.optionalText("id");
            if (!r.accept(report)) return;
            if (dbs.sqlitePath(db).isEmpty()) report.missingDatabase(db);
            out.add(new Example(name + "/" + split + "/" + (id.isEmpty() ? index : id), name, db, question.strip(),
                    evidence.strip(), sql.strip()));
        });
        return new LoadedSplit(name, split, out, report);
    }
}
