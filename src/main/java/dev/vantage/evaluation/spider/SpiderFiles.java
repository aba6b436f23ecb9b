package dev.vantage.evaluation.spider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Readers for the official Spider evaluation inputs, with errors that name the file, line and field. */
public final class SpiderFiles {
    private SpiderFiles() {
    }

    /** A gold file: one {@code SQL<TAB>db_id} per line; trailing blank lines are ignored. */
    public static List<GoldQuery> readGold(Path file) throws IOException {
        List<Utf8Lines.Line> raw = Utf8Lines.read(file);
        String problem = Utf8Lines.firstProblem(file, raw);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        List<String> lines = trimTrailingBlank(raw.stream().map(Utf8Lines.Line::text).toList());
        List<GoldQuery> gold = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                throw new IllegalArgumentException(file + ":" + (i + 1)
                        + ": blank line (multi-turn sessions as in SParC are not supported)");
            }
            String[] fields = line.split("\t");
            if (fields.length < 2 || fields[0].isBlank() || fields[1].isBlank()) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected 'SQL<TAB>db_id', got: " + abbreviate(line));
            }
            gold.add(new GoldQuery(i + 1, fields[0], fields[1].strip()));
        }
        return gold;
    }

    /**
     * A prediction file: one SQL per line, aligned with the gold file; a blank line is an empty
     * prediction, and anything after a tab is ignored (as the official script takes the first field).
     */
    public static List<String> readPredictions(Path file, int expected, Path goldFile) throws IOException {
        return readPredictionFile(file, expected, goldFile).sql();
    }

    /**
     * Predictions and, by 0-based index, the lines that could not be read as UTF-8 ("file:line: why"):
     * those score 0 with that reason, the others are evaluated as usual.
     */
    public record Predictions(List<String> sql, Map<Integer, String> unreadable) {}

    public static Predictions readPredictionFile(Path file, int expected, Path goldFile) throws IOException {
        List<Utf8Lines.Line> raw = Utf8Lines.read(file);
        int end = raw.size();
        while (end > 0 && raw.get(end - 1).valid() && raw.get(end - 1).text().isBlank()) {
            end--;
        }
        List<Utf8Lines.Line> lines = raw.subList(0, end);
        if (lines.size() != expected) {
            throw new IllegalArgumentException(file + ": has " + lines.size() + " predictions but " + goldFile
                    + " has " + expected + " gold queries; they must align line by line");
        }
        Map<Integer, String> unreadable = new java.util.TreeMap<>();
        List<String> sql = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            Utf8Lines.Line line = lines.get(i);
            if (!line.valid()) {
                unreadable.put(i, file + ":" + line.number() + ": " + line.problem());
            }
            sql.add(line.text().strip().split("\t", -1)[0]);
        }
        return new Predictions(sql, unreadable);
    }

    /** Foreign-key maps by db_id from tables.json. */
    public static Map<String, ForeignKeyMap> readForeignKeys(Path tablesJson) throws IOException {
        return readTables(tablesJson).foreignKeys();
    }

    /**
     * What tables.json gives per db_id: the foreign-key map, and the schema (original table and column
     * names), which exact match uses when the database file itself is missing.
     */
    public record Tables(Map<String, ForeignKeyMap> foreignKeys, Map<String, SpiderSchema> schemas) {}

    public static Tables readTables(Path tablesJson) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(tablesJson.toFile());
        } catch (IOException e) {
            throw new IOException(tablesJson + ": not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException(tablesJson + ": expected a JSON array of schemas");
        }
        Map<String, ForeignKeyMap> maps = new HashMap<>();
        Map<String, SpiderSchema> schemas = new HashMap<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode entry = root.get(i);
            for (String field : List.of("db_id", "table_names_original", "column_names_original", "foreign_keys")) {
                if (entry.get(field) == null) {
                    throw new IllegalArgumentException(tablesJson + ": entry " + i + " has no field '" + field + "'");
                }
            }
            try {
                maps.put(entry.get("db_id").asText(), ForeignKeyMap.fromTablesEntry(entry));
                schemas.put(entry.get("db_id").asText(), SpiderSchema.fromTablesEntry(entry));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(tablesJson + ": entry " + i + " (" + entry.get("db_id").asText()
                        + "): malformed column_names_original or foreign_keys: " + e, e);
            }
        }
        return new Tables(maps, schemas);
    }

    static List<String> trimTrailingBlank(List<String> lines) {
        int end = lines.size();
        while (end > 0 && lines.get(end - 1).isBlank()) {
            end--;
        }
        return lines.subList(0, end);
    }

    private static String abbreviate(String s) {
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
