package dev.vantage.data.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the tables and columns a question mentions, by name and by value. A name (the database's
 * spelling, or its readable name / description) matches exactly when all its word stems occur in a
 * row in the question ("song release year" for {@code Song_release_year}), partially when some of
 * its content words do. Values come from a {@link ValueIndex}. Deterministic: a pure function of
 * question, schema and index.
 */
public final class SchemaLinker {
    /** Longest name matched as a whole (longer descriptions are prose, matched by their words only). */
    static final int MAX_EXACT_WORDS = 8;
    /** Names of more words are prose: no partial matching on them. */
    static final int MAX_PARTIAL_WORDS = 6;
    /** Shorter words ("id", "no") are too common to count as a partial mention. */
    static final int MIN_PARTIAL_WORD_CHARS = 3;

    private SchemaLinker() {}

    /** Links by name only. */
    public static SchemaLinks link(String question, DatabaseSchema schema) {
        return link(question, schema, null, 0);
    }

    /** Links by name, and by value when an index is given ({@code maxValuesPerColumn} per column). */
    public static SchemaLinks link(String question, DatabaseSchema schema, ValueIndex valuesOrNull, int maxValuesPerColumn) {
        if (question == null || question.isBlank()) return SchemaLinks.none();
        Question q = Question.of(question);
        Map<String, NameMatch> tables = new HashMap<>(), columns = new HashMap<>();
        for (Table t : schema.tables()) {
            NameMatch tm = match(q, t.name(), t.description());
            if (tm != null) tables.put(SchemaLinks.tableKey(t.name()), tm);
            for (Column c : t.columns()) {
                NameMatch cm = match(q, c.name(), c.description());
                if (cm != null) columns.put(SchemaLinks.columnKey(t.name(), c.name()), cm);
            }
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (valuesOrNull != null && maxValuesPerColumn > 0) {
            for (LinkedValue v : valuesOrNull.link(question, maxValuesPerColumn)) {
                values.computeIfAbsent(SchemaLinks.columnKey(v.table(), v.column()), k -> new ArrayList<>()).add(v.value());
            }
        }
        return new SchemaLinks(tables, columns, values);
    }

    /** The best match of any of the names, or null. */
    private static NameMatch match(Question q, String... names) {
        NameMatch best = null;
        for (String name : names) {
            NameMatch m = match(q, name);
            if (m != null && (best == null || m.score() > best.score())) best = m;
        }
        return best;
    }

    private static NameMatch match(Question q, String name) {
        List<String> words = NameWords.words(name);
        if (words.isEmpty() || words.size() == 1 && NameWords.isStopword(words.getFirst())) return null;
        List<String> stems = words.stream().map(NameWords::stem).toList();
        if (stems.size() <= MAX_EXACT_WORDS && q.grams.contains(String.join(" ", stems))) return NameMatch.EXACT;
        if (words.size() > MAX_PARTIAL_WORDS) return null;
        int content = 0, found = 0;
        for (int i = 0; i < words.size(); i++) {
            if (NameWords.isStopword(words.get(i)) || words.get(i).length() < MIN_PARTIAL_WORD_CHARS) continue;
            content++;
            if (q.stems.contains(stems.get(i))) found++;
        }
        return found == 0 ? null : new NameMatch(NameMatch.Kind.PARTIAL, 0.5 * found / content);
    }

    /** The question's stems as a set (content words only) and all its stem n-grams up to MAX_EXACT_WORDS. */
    private record Question(Set<String> stems, Set<String> grams) {
        static Question of(String text) {
            List<String> words = NameWords.words(text);
            List<String> stems = words.stream().map(NameWords::stem).toList();
            Set<String> content = new HashSet<>();
            for (int i = 0; i < words.size(); i++) {
                if (!NameWords.isStopword(words.get(i)) && words.get(i).length() >= MIN_PARTIAL_WORD_CHARS) content.add(stems.get(i));
            }
            Set<String> grams = new HashSet<>();
            for (int i = 0; i < stems.size(); i++) {
                StringBuilder sb = new StringBuilder();
                for (int j = i; j < stems.size() && j < i + MAX_EXACT_WORDS; j++) {
                    if (j > i) sb.append(' ');
                    sb.append(stems.get(j));
                    grams.add(sb.toString());
                }
            }
            return new Question(content, grams);
        }
    }
}
