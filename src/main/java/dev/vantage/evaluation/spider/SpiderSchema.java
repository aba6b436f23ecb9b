package dev.vantage.evaluation.spider;

import dev.vantage.evaluation.execution.SqliteConnector;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Table and column names as the official evaluation reads them: from the SQLite file itself (not from
 * tables.json), lower-cased, with ids {@code __table.column__}, {@code __table__} and {@code __all__}.
 */
public final class SpiderSchema {
    private final Map<String, List<String>> columnsByTable;
    private final Map<String, String> idMap = new LinkedHashMap<>();

    public SpiderSchema(Map<String, List<String>> columnsByTable) {
        this.columnsByTable = Collections.unmodifiableMap(new LinkedHashMap<>(columnsByTable));
        idMap.put("*", "__all__");
        columnsByTable.forEach((table, columns) -> {
            for (String column : columns) {
                String key = table.toLowerCase(Locale.ROOT) + "." + column.toLowerCase(Locale.ROOT);
                idMap.put(key, "__" + key + "__");
            }
        });
        for (String table : columnsByTable.keySet()) {
            String key = table.toLowerCase(Locale.ROOT);
            idMap.put(key, "__" + key + "__");
        }
    }

    /** Reads every table (sqlite_master order) and its columns (PRAGMA table_info) from a database file. */
    public static SpiderSchema fromSqlite(Path file) throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (Connection connection = new SqliteConnector(file).open();
             Statement statement = connection.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SELECT name FROM sqlite_master WHERE type='table'")) {
                while (rows.next()) {
                    names.add(rows.getString(1).toLowerCase(Locale.ROOT));
                }
            }
            for (String table : names) {
                List<String> columns = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery("PRAGMA table_info('" + table + "')")) {
                    while (rows.next()) {
                        columns.add(rows.getString(2).toLowerCase(Locale.ROOT));
                    }
                }
                tables.put(table, columns);
            }
        }
        return new SpiderSchema(tables);
    }

    /**
     * From a tables.json entry (table_names_original, column_names_original), for databases whose file
     * is missing: the same names the file would give, in the entry's order.
     */
    public static SpiderSchema fromTablesEntry(com.fasterxml.jackson.databind.JsonNode entry) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode table : entry.get("table_names_original")) {
            String name = table.asText().toLowerCase(Locale.ROOT);
            names.add(name);
            tables.put(name, new ArrayList<>());
        }
        for (com.fasterxml.jackson.databind.JsonNode column : entry.get("column_names_original")) {
            int table = column.get(0).asInt();
            if (table >= 0) {
                tables.get(names.get(table)).add(column.get(1).asText().toLowerCase(Locale.ROOT));
            }
        }
        return new SpiderSchema(tables);
    }

    public Map<String, List<String>> columnsByTable() {
        return columnsByTable;
    }

    public Map<String, String> idMap() {
        return idMap;
    }
}
