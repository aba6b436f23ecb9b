package dev.vantage.data.sql;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A Spider-style gold file: one {@code SQL<TAB>db_id} per line. */
public record GoldSql(int line, String sql, String dbId) {
    public static List<GoldSql> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read: " + e.getMessage(), e);
        }
        List<GoldSql> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.isBlank()) continue;
            int tab = l.lastIndexOf('\t');
            if (tab <= 0 || tab == l.length() - 1) {
                throw new IllegalArgumentException(file + ": line " + (i + 1) + ": expected 'SQL<TAB>db_id', got: " + l);
            }
            out.add(new GoldSql(i + 1, l.substring(0, tab).trim(), l.substring(tab + 1).trim()));
        }
        return out;
    }
}
