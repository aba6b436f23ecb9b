package dev.vantage.data.sql;

import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.LinkedValue;
import dev.vantage.data.schema.SqliteDatabases;
import dev.vantage.data.schema.ValueIndex;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How often value linking finds the string values a gold query compares with (= and friends, not
 * LIKE patterns): a value counts as found when {@link ValueIndex#link} returns it for the right column
 * (ignoring case and surrounding spaces).
 */
public final class ValueLinkingAudit {
    public record Question(String question, String sql, String dbId) {}

    public record Report(int questions, int noDatabase, int literals, int found, long linkedValues) {
        @Override public String toString() {
            int asked = questions - noDatabase;
            return String.format("questions %d (skipped, no database: %d), string literals %d, found by linking %d (%.1f%%), linked values per question %.2f",
                    questions, noDatabase, literals, found, literals == 0 ? 0 : 100.0 * found / literals,
                    asked == 0 ? 0 : (double) linkedValues / asked);
        }
    }

    private ValueLinkingAudit() {}

    public static Report run(List<Question> questions, Map<String, DatabaseSchema> schemas, Path databaseDir, int maxPerColumn) {
        Map<String, ValueIndex> indexes = new HashMap<>();
        int noDb = 0, literals = 0, found = 0;
        long linked = 0;
        for (Question q : questions) {
            Path db = SqliteDatabases.inDatabaseDir(databaseDir, q.dbId());
            if (!Files.isRegularFile(db)) { noDb++; continue; }
            ValueIndex idx = indexes.computeIfAbsent(q.dbId(), k -> ValueIndex.build(db));
            List<LinkedValue> links = idx.link(q.question(), maxPerColumn);
            linked += links.size();
            for (ValueSlot s : ValueSlots.of(q.sql(), schemas.get(q.dbId())).slots()) {
                if (s.numeric() || s.like()) continue;
                literals++;
                if (links.stream().anyMatch(l -> l.table().equalsIgnoreCase(s.table()) && l.column().equalsIgnoreCase(s.column())
                        && l.value().strip().equalsIgnoreCase(s.value().strip()))) found++; // flight_2 stores ' APG' for 'APG'
            }
        }
        return new Report(questions.size(), noDb, literals, found, linked);
    }
}
