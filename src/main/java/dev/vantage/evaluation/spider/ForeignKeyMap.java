package dev.vantage.evaluation.spider;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Columns linked by foreign keys count as the same column in exact match: each column in a group of
 * keys maps to the group member with the lowest column index (build_foreign_key_map). Groups are formed
 * the official way: a key pair joins the first existing group holding either column, without merging
 * groups.
 */
public final class ForeignKeyMap {
    private final Map<String, String> canonical;

    private ForeignKeyMap(Map<String, String> canonical) {
        this.canonical = Map.copyOf(canonical);
    }

    public static final ForeignKeyMap NONE = new ForeignKeyMap(Map.of());

    /** From one tables.json entry (column_names_original, table_names_original, foreign_keys). */
    public static ForeignKeyMap fromTablesEntry(JsonNode entry) {
        JsonNode tables = entry.get("table_names_original");
        List<String> columns = new ArrayList<>();
        for (JsonNode column : entry.get("column_names_original")) {
            int table = column.get(0).asInt();
            columns.add(table >= 0
                    ? "__" + tables.get(table).asText().toLowerCase(Locale.ROOT) + "."
                      + column.get(1).asText().toLowerCase(Locale.ROOT) + "__"
                    : "__all__");
        }
        List<Set<Integer>> groups = new ArrayList<>();
        for (JsonNode key : entry.get("foreign_keys")) {
            int a = key.get(0).asInt();
            int b = key.get(1).asInt();
            Set<Integer> group = null;
            for (Set<Integer> candidate : groups) {
                if (candidate.contains(a) || candidate.contains(b)) {
                    group = candidate;
                    break;
                }
            }
            if (group == null) {
                group = new TreeSet<>();
                groups.add(group);
            }
            group.add(a);
            group.add(b);
        }
        Map<String, String> canonical = new HashMap<>();
        for (Set<Integer> group : groups) {
            int lowest = group.iterator().next();
            for (int index : group) {
                canonical.put(columns.get(index), columns.get(lowest));
            }
        }
        return new ForeignKeyMap(canonical);
    }

    /** The representative of {@code colId}, or null when it is in no foreign-key group. */
    String representative(String colId) {
        return canonical.get(colId);
    }
}
