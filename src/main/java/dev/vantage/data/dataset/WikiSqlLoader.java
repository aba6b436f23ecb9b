package dev.vantage.data.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vantage.data.Example;
import dev.vantage.data.schema.Column;
import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.Table;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * WikiSQL as distributed ({@code data/} of data.tar.bz2): per split {@code <split>.jsonl} (question,
 * table_id, sql logical form), {@code <split>.tables.jsonl} (id, header, types, rows) and
 * {@code <split>.db} holding every table of the split as {@code table_<id>} with columns col0..colN.
 * The db_id of an example is its table id; its schema is declared from tables.jsonl (columns named
 * col0..colN as in the .db, described by their header), because one .db holds thousands of tables.
 */
public final class WikiSqlLoader implements DatasetLoader {
    private static final List<String> SPLITS = List.of("train", "dev", "test");
    private final Path dir;
    private final Map<String, TableInfo> tables = new HashMap<>();
    private final LoadReport tableProblems = new LoadReport("wikisql/tables");
    private boolean tablesRead;

    private record TableInfo(String split, DatabaseSchema schema, List<String> types) {}

    public WikiSqlLoader(Path root) {
        this.dir = Files.isRegularFile(root.resolve("data").resolve("train.jsonl"))
                || Files.isRegularFile(root.resolve("data").resolve("dev.jsonl")) ? root.resolve("data") : root;
    }

    public static boolean looksLike(Path root) { return !new WikiSqlLoader(root).splits().isEmpty(); }

    @Override public String name() { return "wikisql"; }

    @Override public List<String> splits() {
        return SPLITS.stream().filter(s -> Files.isRegularFile(dir.resolve(s + ".jsonl"))
                && Files.isRegularFile(dir.resolve(s + ".tables.jsonl"))).toList();
    }

    @Override public DatabaseLocator databases() {
        return tableId -> {
            TableInfo t = tables().get(tableId);
            if (t == null) return Optional.empty();
            Path db = dir.resolve(t.split() + ".db");
            return Files.isRegularFile(db) ? Optional.of(db) : Optional.empty();
        };
    }

    @Override public Optional<DatabaseSchema> declaredSchema(String dbId) {
        return Optional.ofNullable(tables().get(dbId)).map(TableInfo::schema);
    }

    @Override public Map<String, Map<String, String>> columnDescriptions(String dbId) {
        return declaredSchema(dbId).map(s -> {
            Map<String, String> cols = new HashMap<>();
            for (Column c : s.tables().getFirst().columns()) cols.put(c.name(), c.description());
            return Map.of(s.tables().getFirst().name(), cols);
        }).orElse(Map.of());
    }

    /** Problems met in the tables.jsonl files. */
    public LoadReport tableProblems() { tables(); return tableProblems; }

    private synchronized Map<String, TableInfo> tables() {
        if (tablesRead) return tables;
        tablesRead = true;
        for (String split : splits()) {
            Path file = dir.resolve(split + ".tables.jsonl");
            JsonRecords.readLines(file, tableProblems, (node, index, location) -> {
                RecordFields r = new RecordFields(node, file.toString(), location);
                String id = r.text("id");
                JsonNode header = node == null ? null : node.get("header");
                JsonNode types = node == null ? null : node.get("types");
                if (id != null && (header == null || !header.isArray() || header.isEmpty())) r.fail("header", "expected a non-empty list");
                else if (id != null && (types == null || !types.isArray() || types.size() != header.size())) {
                    r.fail("types", "expected one type per header entry (" + header.size() + ")");
                }
                if (!r.accept(tableProblems)) return;
                List<Column> columns = new ArrayList<>();
                List<String> typeList = new ArrayList<>();
                for (int i = 0; i < header.size(); i++) {
                    String type = types.get(i).asText();
                    typeList.add(type);
                    columns.add(new Column("col" + i, type, false, header.get(i).asText(), List.of()));
                }
                String table = WikiSqlQuery.tableName(id);
                tables.put(id, new TableInfo(split, new DatabaseSchema(id, List.of(new Table(table, columns)), List.of()), typeList));
            });
        }
        return tables;
    }

    @Override public LoadedSplit load(String split) {
        if (!SPLITS.contains(split)) throw new IllegalArgumentException("WikiSQL has splits train, dev and test, not '" + split + "'");
        Path file = dir.resolve(split + ".jsonl");
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("WikiSQL split " + split + ": no file " + file);
        Map<String, TableInfo> known = tables();
        LoadReport report = new LoadReport("wikisql/" + split);
        List<Example> out = new ArrayList<>();
        DatabaseLocator dbs = databases();
        JsonRecords.readLines(file, report, (node, index, location) -> {
            RecordFields r = new RecordFields(node, file.toString(), location);
            String question = r.text("question"), tableId = r.text("table_id");
            String sql = null;
            if (tableId != null && question != null) {
                TableInfo t = known.get(tableId);
                if (t == null) r.fail("table_id", "no table '" + tableId + "' in any *.tables.jsonl");
                else {
                    try {
                        sql = WikiSqlQuery.toSql(tableId, node.get("sql"), t.types());
                    } catch (WikiSqlQuery.InvalidLogicalForm e) {
                        r.fail(e.field, e.getMessage());
                    }
                }
            }
            if (!r.accept(report)) return;
            if (dbs.sqlitePath(tableId).isEmpty()) report.missingDatabase(tableId);
            out.add(new Example("wikisql/" + split + "/" + index, name(), tableId, question.strip(), "", sql));
        });
        return new LoadedSplit(name(), split, out, report);
    }
}
