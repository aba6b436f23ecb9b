package dev.vantage.data.dataset;

import dev.vantage.data.Example;
import dev.vantage.data.schema.Column;
import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.Table;
import dev.vantage.data.schema.TablesJsonReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Spider 1.0 as distributed: {@code train_spider.json} (+ {@code train_others.json} when present) for
 * train, {@code dev.json} for dev, each a JSON array of {db_id, question, query}; databases under
 * {@code database/<db>/<db>.sqlite}.
 */
public final class SpiderLoader implements DatasetLoader {
    private final Path root;
    private final DatabaseLocator databases;
    private Map<String, DatabaseSchema> documented; // tables.json, read on first use

    public SpiderLoader(Path root) {
        this.root = root;
        this.databases = DatabaseLocator.perDatabaseDirectory(root.resolve("database"));
    }

    /** True when the directory looks like Spider (has dev.json or train_spider.json and tables.json). */
    public static boolean looksLike(Path dir) {
        return (Files.isRegularFile(dir.resolve("train_spider.json")) || Files.isRegularFile(dir.resolve("dev.json")))
                && Files.isRegularFile(dir.resolve("tables.json"));
    }

    @Override public String name() { return "spider"; }

    @Override public List<String> splits() {
        List<String> s = new ArrayList<>();
        if (Files.isRegularFile(root.resolve("train_spider.json"))) s.add("train");
        if (Files.isRegularFile(root.resolve("dev.json"))) s.add("dev");
        return s;
    }

    @Override public DatabaseLocator databases() { return databases; }

    public Path tablesJson() { return root.resolve("tables.json"); }

    /**
     * The readable names of tables.json ("fname" → "first name"), for name linking; the schema
     * itself is read from the SQLite file, which keeps composite keys that tables.json cuts.
     */
    @Override public synchronized Map<String, Map<String, String>> columnDescriptions(String dbId) {
        if (documented == null) {
            documented = Files.isRegularFile(tablesJson()) ? TablesJsonReader.read(tablesJson()).schemas() : Map.of();
        }
        DatabaseSchema s = documented.get(dbId);
        if (s == null) return Map.of();
        Map<String, Map<String, String>> out = new HashMap<>();
        for (Table t : s.tables()) {
            Map<String, String> cols = out.computeIfAbsent(t.name().toLowerCase(Locale.ROOT), k -> new HashMap<>());
            if (!t.description().isEmpty()) cols.put(TABLE_ITSELF, t.description());
            for (Column c : t.columns()) if (!c.description().isEmpty()) cols.put(c.name().toLowerCase(Locale.ROOT), c.description());
        }
        return out;
    }

    @Override public LoadedSplit load(String split) {
        List<Path> files = switch (split) {
            case "train" -> {
                List<Path> f = new ArrayList<>(List.of(root.resolve("train_spider.json")));
                if (Files.isRegularFile(root.resolve("train_others.json"))) f.add(root.resolve("train_others.json"));
                yield f;
            }
            case "dev" -> List.of(root.resolve("dev.json"));
            default -> throw new IllegalArgumentException("Spider has splits train and dev, not '" + split + "'");
        };
        for (Path f : files) {
            if (!Files.isRegularFile(f)) throw new IllegalArgumentException("Spider split " + split + ": no file " + f);
        }
        LoadReport report = new LoadReport("spider/" + split);
        List<Example> out = new ArrayList<>();
        for (Path f : files) {
            String prefix = "spider/" + f.getFileName().toString().replace(".json", "") + "/";
            JsonRecords.readArray(f, report, (node, index, location) -> {
                RecordFields r = new RecordFields(node, f.toString(), location);
                String db = r.text("db_id"), question = r.text("question"), sql = r.text("query");
                if (!r.accept(report)) return;
                if (databases.sqlitePath(db).isEmpty()) report.missingDatabase(db);
                out.add(new Example(prefix + index, name(), db, question.strip(), "", sql.strip()));
            });
        }
        return new LoadedSplit(name(), split, out, report);
    }
}
