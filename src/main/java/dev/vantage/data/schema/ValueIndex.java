package dev.vantage.data.schema;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The distinct text values of a database's columns, for BRIDGE-style value linking: given a
 * question, {@link #link} returns the cell values that appear in it (as a word n-gram, ignoring case,
 * accents and punctuation), or nearly so, spelled as the database spells them.
 */
public final class ValueIndex {
    public static final int DEFAULT_MAX_DISTINCT = 5000;
    /** Longer cells are prose (descriptions, addresses), not values a question names. */
    static final int MAX_VALUE_CHARS = 64;
    static final double FUZZY_THRESHOLD = 0.85;
    /** "cats" in the question for the value "cat": as good as exact, ranked just below. */
    public static final double SINGULAR_SCORE = 0.95;
    private static final int PREFIX = 3;
    private static final Set<String> STOPWORDS = Set.of(
            "a", "an", "the", "of", "in", "on", "for", "to", "and", "or", "is", "are", "was", "were", "be", "by", "at",
            "as", "it", "its", "from", "with", "what", "which", "who", "whom", "whose", "how", "many", "much", "all",
            "each", "that", "this", "these", "those", "have", "has", "had", "do", "does", "did", "their", "there",
            "than", "not", "no", "yes", "any", "me", "i", "you", "we", "they", "he", "she", "his", "her", "them");

    private record Entry(String table, String column, String value, String norm, int tokens, boolean numeric) {}

    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, List<Integer>> byToken = new HashMap<>();
    private final Map<String, List<Integer>> byPrefix = new HashMap<>();
    private final Map<String, Integer> columnOrder = new LinkedHashMap<>();
    /** Per column: how many of its indexed values are words (some letter) and how many numbers. */
    private final Map<String, int[]> wordsAndNumbers = new HashMap<>();
    /** Per column that holds only text (and NULL): all its distinct values, when there are fewer than the limit. */
    private final Map<String, List<String>> domains = new HashMap<>();

    private ValueIndex() {}

    public static ValueIndex build(Path sqliteDb) {
        return build(sqliteDb, DEFAULT_MAX_DISTINCT);
    }

    /** Reads up to {@code maxDistinctPerColumn} distinct text values of every column of a SQLite file. */
    public static ValueIndex build(Path sqliteDb, int maxDistinctPerColumn) {
        try (Connection c = SqliteDatabases.openReadOnly(sqliteDb)) {
            return build(c, SqliteSchemaReader.read(c, SqliteSchemaReader.stem(sqliteDb)), maxDistinctPerColumn);
        } catch (SQLException e) {
            throw new SchemaReadException(sqliteDb + ": " + e.getMessage(), e);
        }
    }

    /** Reads the values of {@code schema}'s columns over an open SQLite connection. */
    public static ValueIndex build(Connection c, DatabaseSchema schema, int maxDistinctPerColumn) throws SQLException {
        ValueIndex idx = new ValueIndex();
        for (Table t : schema.tables()) {
            for (Column col : t.columns()) {
                String name = SqliteDatabases.quote(col.name()), table = SqliteDatabases.quote(t.name());
                String q = "SELECT DISTINCT " + name + " FROM " + table + " WHERE typeof(" + name + ") = 'text' LIMIT " + maxDistinctPerColumn;
                List<String> all = new ArrayList<>();
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(q)) {
                    while (rs.next()) {
                        all.add(rs.getString(1));
                        idx.add(t.name(), col.name(), rs.getString(1));
                    }
                }
                if (all.isEmpty() || all.size() >= maxDistinctPerColumn) continue;
                String other = "SELECT 1 FROM " + table + " WHERE typeof(" + name + ") NOT IN ('text', 'null') LIMIT 1";
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(other)) {
                    if (!rs.next()) idx.domains.put(key(t.name(), col.name()), List.copyOf(all));
                }
            }
        }
        return idx;
    }

    /** An index over the sample values a schema carries (e.g. from INSERTs next to DDL). */
    public static ValueIndex fromSamples(DatabaseSchema schema) {
        ValueIndex idx = new ValueIndex();
        for (Table t : schema.tables()) for (Column c : t.columns()) for (String v : c.sampleValues()) idx.add(t.name(), c.name(), v);
        return idx;
    }

    public int size() {
        return entries.size();
    }

    /**
     * Whether the column's indexed text values are mostly words ({@code 'Caribbean'}) rather than
     * numbers stored as text ({@code '18'}, {@code '1988-04-30'}): a column no sum or average is taken of.
     */
    public boolean mostlyWords(String table, String column) {
        int[] n = wordsAndNumbers.get(key(table, column));
        return n != null && n[0] > n[1];
    }

    /**
     * Every distinct value of a column that holds text only (besides NULL), spelled as the database
     * does, or null when that is unknown: numbers in it, no values, as many distinct values as the
     * limit (more may exist), or an index built from samples.
     */
    public List<String> domain(String table, String column) {
        return domains.get(key(table, column));
    }

    private void add(String table, String column, String value) {
        if (value == null || value.isBlank() || value.length() > MAX_VALUE_CHARS) return;
        List<String> toks = tokens(value);
        if (toks.isEmpty() || toks.stream().allMatch(STOPWORDS::contains)) return;
        String norm = String.join(" ", toks);
        if (norm.length() < 2) return;
        boolean numeric = toks.stream().allMatch(s -> s.chars().allMatch(Character::isDigit));
        int id = entries.size();
        entries.add(new Entry(table, column, value, norm, toks.size(), numeric));
        columnOrder.putIfAbsent(key(table, column), columnOrder.size());
        wordsAndNumbers.computeIfAbsent(key(table, column), k -> new int[2])[numeric ? 1 : 0]++;
        Set<String> seen = new HashSet<>();
        for (String tok : toks) {
            if (STOPWORDS.contains(tok) || !seen.add(tok)) continue;
            byToken.computeIfAbsent(tok, k -> new ArrayList<>()).add(id);
            if (!numeric && tok.length() > PREFIX) byPrefix.computeIfAbsent(tok.substring(0, PREFIX), k -> new ArrayList<>()).add(id);
        }
    }

    /**
     * The values matching the question, at most {@code maxPerColumn} per column (best score, then
     * longest value first), grouped by column in database order.
     */
    public List<LinkedValue> link(String question, int maxPerColumn) {
        List<String> q = tokens(question);
        if (q.isEmpty() || maxPerColumn <= 0) return List.of();
        List<String> singular = q.stream().map(ValueIndex::singular).toList();
        Set<String> grams = grams(q), singularGrams = grams(singular);
        Set<Integer> candidates = new HashSet<>();
        Set<Integer> fuzzyOnly = new HashSet<>();
        for (int i = 0; i < q.size(); i++) {
            String tok = q.get(i);
            if (STOPWORDS.contains(tok)) continue;
            candidates.addAll(byToken.getOrDefault(tok, List.of()));
            candidates.addAll(byToken.getOrDefault(singular.get(i), List.of()));
            if (tok.length() > PREFIX) fuzzyOnly.addAll(byPrefix.getOrDefault(tok.substring(0, PREFIX), List.of()));
        }
        fuzzyOnly.removeAll(candidates);
        Map<String, List<LinkedValue>> perColumn = new HashMap<>();
        for (int id : candidates) consider(id, q, grams, singularGrams, perColumn);
        for (int id : fuzzyOnly) consider(id, q, grams, singularGrams, perColumn);

        Comparator<LinkedValue> rank = Comparator.comparingDouble(LinkedValue::score).reversed()
                .thenComparing(v -> -v.value().length())
                .thenComparing(LinkedValue::value);
        List<String> cols = new ArrayList<>(perColumn.keySet());
        cols.sort(Comparator.comparing(columnOrder::get));
        List<LinkedValue> out = new ArrayList<>();
        for (String col : cols) {
            List<LinkedValue> vs = perColumn.get(col);
            vs.sort(rank);
            out.addAll(vs.subList(0, Math.min(maxPerColumn, vs.size())));
        }
        return out;
    }

    private void consider(int id, List<String> q, Set<String> grams, Set<String> singularGrams, Map<String, List<LinkedValue>> perColumn) {
        Entry e = entries.get(id);
        double score = grams.contains(e.norm) ? 1.0
                : singularGrams.contains(e.norm) && !e.numeric ? SINGULAR_SCORE
                : e.numeric || e.norm.length() < 4 ? 0 : fuzzyScore(e, q);
        if (score < FUZZY_THRESHOLD) return;
        perColumn.computeIfAbsent(key(e.table, e.column), k -> new ArrayList<>())
                .add(new LinkedValue(e.table, e.column, e.value, score));
    }

    private static Set<String> grams(List<String> q) {
        Set<String> grams = new HashSet<>();
        for (int i = 0; i < q.size(); i++) {
            StringBuilder sb = new StringBuilder();
            for (int j = i; j < q.size() && j < i + 12; j++) {
                if (j > i) sb.append(' ');
                sb.append(q.get(j));
                grams.add(sb.toString());
            }
        }
        return grams;
    }

    /** English plural stripped from a question word: "cats" → "cat", "countries" → "country". */
    static String singular(String w) {
        if (w.length() < 4 || w.chars().anyMatch(Character::isDigit)) return w;
        if (w.endsWith("ies")) return w.substring(0, w.length() - 3) + "y";
        if (w.endsWith("ches") || w.endsWith("shes") || w.endsWith("sses") || w.endsWith("xes")) return w.substring(0, w.length() - 2);
        if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) return w.substring(0, w.length() - 1);
        return w;
    }

    /** Best similarity between the value and question n-grams of about as many words. */
    private static double fuzzyScore(Entry e, List<String> q) {
        double best = 0;
        for (int len = Math.max(1, e.tokens - 1); len <= e.tokens + 1; len++) {
            for (int i = 0; i + len <= q.size(); i++) {
                String gram = String.join(" ", q.subList(i, i + len));
                if (gram.length() < 4) continue;
                best = Math.max(best, similarity(e.norm, gram));
            }
        }
        return best;
    }

    /** 1 - editDistance / longer length. */
    static double similarity(String a, String b) {
        int n = a.length(), m = b.length();
        if (Math.abs(n - m) > Math.max(n, m) * (1 - FUZZY_THRESHOLD) + 1) return 0;
        int[] prev = new int[m + 1], cur = new int[m + 1];
        for (int j = 0; j <= m; j++) prev[j] = j;
        for (int i = 1; i <= n; i++) {
            cur[0] = i;
            for (int j = 1; j <= m; j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return 1.0 - (double) prev[m] / Math.max(n, m);
    }

    /** Lowercased, accent-free word tokens (letters and digits). */
    static List<String> tokens(String s) {
        String folded = Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        for (String t : folded.split("[^\\p{L}\\p{N}]+")) if (!t.isEmpty()) out.add(t);
        return out;
    }

    private static String key(String table, String column) {
        return table + "\u0000" + column;
    }
}
