package dev.vantage.data.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads Spider/BIRD {@code tables.json}: an array of entries with {@code db_id},
 * {@code table_names_original}, {@code column_names_original} ({@code [tableIndex, name]}, index 0
 * being {@code [-1, "*"]}), {@code column_types}, {@code primary_keys} (column indexes, or lists of
 * them for BIRD's composite keys) and {@code foreign_keys} ({@code [fromColumn, toColumn]} pairs).
 * Every bad entry is reported with the file, entry index and field; good entries are still read.
 */
public final class TablesJsonReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The schemas read, in file order, and one message per entry that could not be read. */
    public record Result(Map<String, DatabaseSchema> schemas, List<String> problems) {}

    private TablesJsonReader() {}

    public static Result read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new SchemaReadException(file + ": not readable as JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new SchemaReadException(file + ": expected a JSON array of database entries");
        }
        Map<String, DatabaseSchema> schemas = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            try {
                DatabaseSchema s = entry(root.get(i), file, i);
                if (schemas.containsKey(s.dbId())) {
                    throw new SchemaReadException(where(file, i, s.dbId()) + "field 'db_id': duplicate of an earlier entry");
                }
                schemas.put(s.dbId(), s);
            } catch (SchemaReadException e) {
                problems.add(e.getMessage());
            }
        }
        return new Result(schemas, problems);
    }

    private static String where(Path file, int index, String dbId) {
        return file + ": entry " + index + (dbId == null ? "" : " (db_id '" + dbId + "')") + ": ";
    }

    private static DatabaseSchema entry(JsonNode e, Path file, int index) {
        if (e == null || !e.isObject()) throw new SchemaReadException(where(file, index, null) + "expected an object");
        JsonNode idNode = e.get("db_id");
        if (idNode == null || !idNode.isTextual() || idNode.asText().isBlank()) {
            throw new SchemaReadException(where(file, index, null) + "field 'db_id': missing or not a non-empty string");
        }
        String dbId = idNode.asText();
        String at = where(file, index, dbId);

        JsonNode tableNames = e.has("table_names_original") ? e.get("table_names_original") : e.get("table_names");
        List<String> tables = strings(tableNames, at, "table_names_original");
        JsonNode cols = array(e.get("column_names_original") != null ? e.get("column_names_original") : e.get("column_names"),
                at, "column_names_original");
        List<String> types = strings(e.get("column_types"), at, "column_types");
        // readable names next to the original ones ("fname" → "first name") become descriptions
        List<String> readableTables = e.has("table_names_original") && e.has("table_names") && e.get("table_names").size() == tables.size()
                ? strings(e.get("table_names"), at, "table_names") : null;
        JsonNode readableCols = e.has("column_names_original") && e.has("column_names") && e.get("column_names").size() == cols.size()
                ? e.get("column_names") : null;
        if (types.size() != cols.size()) {
            throw new SchemaReadException(at + "field 'column_types': " + types.size() + " types for " + cols.size() + " columns");
        }

        int n = cols.size();
        int[] tableOf = new int[n];
        String[] colName = new String[n];
        for (int c = 0; c < n; c++) {
            JsonNode pair = cols.get(c);
            if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isInt() || !pair.get(1).isTextual()) {
                throw new SchemaReadException(at + "field 'column_names_original'[" + c + "]: expected [tableIndex, name], got " + pair);
            }
            tableOf[c] = pair.get(0).asInt();
            colName[c] = pair.get(1).asText();
            if (tableOf[c] == -1) continue; // the "*" pseudo-column
            if (tableOf[c] < 0 || tableOf[c] >= tables.size()) {
                throw new SchemaReadException(at + "field 'column_names_original'[" + c + "]: table index " + tableOf[c]
                        + " out of range 0.." + (tables.size() - 1));
            }
        }

        Set<Integer> pk = new HashSet<>();
        JsonNode pks = array(e.get("primary_keys"), at, "primary_keys");
        for (int k = 0; k < pks.size(); k++) {
            JsonNode p = pks.get(k);
            if (p.isArray()) { // BIRD: a composite key as a list of column indexes
                for (int j = 0; j < p.size(); j++) pk.add(columnIndex(p.get(j), n, tableOf, at, "primary_keys[" + k + "][" + j + "]"));
            } else {
                pk.add(columnIndex(p, n, tableOf, at, "primary_keys[" + k + "]"));
            }
        }

        List<ForeignKey> fks = new ArrayList<>();
        JsonNode fkNodes = array(e.get("foreign_keys"), at, "foreign_keys");
        for (int k = 0; k < fkNodes.size(); k++) {
            JsonNode p = fkNodes.get(k);
            if (!p.isArray() || p.size() != 2) {
                throw new SchemaReadException(at + "field 'foreign_keys'[" + k + "]: expected [fromColumn, toColumn], got " + p);
            }
            int from = columnIndex(p.get(0), n, tableOf, at, "foreign_keys[" + k + "][0]");
            int to = columnIndex(p.get(1), n, tableOf, at, "foreign_keys[" + k + "][1]");
            fks.add(new ForeignKey(tables.get(tableOf[from]), colName[from], tables.get(tableOf[to]), colName[to]));
        }

        List<List<Column>> columnsOf = new ArrayList<>();
        for (int t = 0; t < tables.size(); t++) columnsOf.add(new ArrayList<>());
        for (int c = 0; c < n; c++) {
            if (tableOf[c] == -1) continue;
            JsonNode readable = readableCols == null ? null : readableCols.get(c).path(1);
            String description = readable != null && readable.isTextual() ? readable.asText() : "";
            columnsOf.get(tableOf[c]).add(new Column(colName[c], types.get(c).toLowerCase(java.util.Locale.ROOT), pk.contains(c),
                    description, List.of()));
        }
        List<Table> tableList = new ArrayList<>();
        for (int t = 0; t < tables.size(); t++) tableList.add(new Table(tables.get(t), columnsOf.get(t),
                readableTables == null ? "" : readableTables.get(t)));
        return new DatabaseSchema(dbId, tableList, fks);
    }

    private static int columnIndex(JsonNode node, int n, int[] tableOf, String at, String field) {
        if (node == null || !node.isInt()) throw new SchemaReadException(at + "field '" + field + "': expected a column index, got " + node);
        int c = node.asInt();
        if (c < 0 || c >= n) throw new SchemaReadException(at + "field '" + field + "': column index " + c + " out of range 0.." + (n - 1));
        if (tableOf[c] == -1) throw new SchemaReadException(at + "field '" + field + "': column index " + c + " is the '*' pseudo-column");
        return c;
    }

    private static JsonNode array(JsonNode node, String at, String field) {
        if (node == null || !node.isArray()) throw new SchemaReadException(at + "field '" + field + "': missing or not an array");
        return node;
    }

    private static List<String> strings(JsonNode node, String at, String field) {
        array(node, at, field);
        List<String> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) throw new SchemaReadException(at + "field '" + field + "'[" + i + "]: expected a string, got " + node.get(i));
            out.add(node.get(i).asText());
        }
        return out;
    }
}
