package dev.vantage.data.augment;

import dev.vantage.data.Example;
import dev.vantage.data.schema.Column;
import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.ForeignKey;
import dev.vantage.data.schema.NameWords;
import dev.vantage.data.schema.Table;
import net.sf.jsqlparser.parser.ParserKeywordsUtils;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renames tables and columns to names borrowed from other databases or composed of their words
 * ({@link Pool#inventedShare}), consistently in the schema,
 * the SQL and the question, so that a model cannot answer from names it memorized and has to copy
 * them from the schema it is given. A name the question mentions is renamed in the question too
 * (its words replaced by the new name's words); a name neither mentioned nor used by the SQL is a
 * distractor and is renamed freely; a name the SQL uses but the question does not mention keeps
 * its name, since nothing in the question would then point to the renamed one.
 */
public final class NameSubstitution {
    /** Each eligible name is renamed with this probability. */
    static final double RENAME_PROB = 0.5;
    /** SQL words a name must not shadow: renaming them would rewrite the query's keywords or functions. */
    private static final Set<String> RESERVED = Set.of(
            "select", "from", "where", "group", "by", "order", "having", "limit", "offset", "join", "on", "as", "and", "or",
            "not", "in", "like", "between", "is", "null", "union", "intersect", "except", "all", "distinct", "desc", "asc",
            "count", "sum", "avg", "min", "max", "case", "when", "then", "else", "end", "exists", "cast", "inner", "left",
            "outer", "cross", "natural", "using", "glob", "escape", "values", "abs", "length", "lower", "upper", "date",
            "time", "year", "replace", "substr", "round", "t1", "t2", "t3", "t4", "t5", "t6");
    /** What the SQL parser reserves (a table named `full` breaks `JOIN full AS T2`), lower case. */
    private static final Set<String> PARSER_KEYWORDS = ParserKeywordsUtils.getReservedKeywords(ParserKeywordsUtils.RESTRICTED_JSQLPARSER)
            .stream().map(k -> k.strip().toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9]+");

    /**
     * Where new names come from: every table and column name of the dataset's databases to borrow,
     * and their words to compose new ones of.
     *
     * @param inventedShare of the names renamed, the share given a name composed of random words of
     *                      the pool ("venue_budget") rather than one borrowed whole: a closed set of
     *                      borrowed names can still be memorized, words in new combinations cannot
     */
    public record Pool(List<String> tables, List<String> columns, List<String> words, double inventedShare) {
        public Pool(List<String> tables, List<String> columns) { this(tables, columns, List.of(), 0); }

        public static Pool of(Iterable<DatabaseSchema> schemas) {
            Set<String> t = new java.util.TreeSet<>(), c = new java.util.TreeSet<>(), w = new java.util.TreeSet<>();
            for (DatabaseSchema s : schemas)
                for (Table table : s.tables()) {
                    if (usable(table.name())) t.add(table.name());
                    for (Column col : table.columns()) if (usable(col.name())) c.add(col.name());
                }
            for (String name : t) w.addAll(composable(name));
            for (String name : c) w.addAll(composable(name));
            return new Pool(List.copyOf(t), List.copyOf(c), List.copyOf(w), 0);
        }

        /** The same names, with this share of renamings composed of words instead. */
        public Pool inventing(double share) { return new Pool(tables, columns, words, share); }

        /** A name's words that a composed name may use: letters only, at least 3 of them, no SQL word. */
        private static List<String> composable(String name) {
            return NameWords.words(name).stream().map(NameSubstitution::lower)
                    .filter(x -> x.length() >= 3 && x.chars().allMatch(Character::isLetter) && !RESERVED.contains(x)).toList();
        }

        private static boolean usable(String name) {
            // short names ("r", "id") say nothing when a question speaks them; very long ones overflow prompts
            int words = NameWords.words(name).size();
            return IDENTIFIER.matcher(name).matches() && !RESERVED.contains(name.toLowerCase(Locale.ROOT))
                    && name.length() >= 3 && words >= 1 && words <= 4;
        }
    }

    /** The example and schema with some names replaced, or empty when nothing was renamed. */
    public record Renamed(Example example, DatabaseSchema schema, int names) {}

    private NameSubstitution() {}

    public static Optional<Renamed> apply(Example ex, DatabaseSchema schema, Pool pool, Random rng) {
        if (pool.tables().isEmpty() || pool.columns().isEmpty()) return Optional.empty();
        Renaming r = new Renaming(ex, schema, pool, rng);
        for (Table t : schema.tables()) {
            r.decide(t.name(), t.description(), pool.tables());
            for (Column c : t.columns()) r.decide(c.name(), c.description(), pool.columns());
        }
        if (r.rename.isEmpty()) return Optional.empty();
        String question = replaceSpans(ex.question(), r.spans, r.spoken);
        String sql = renameIdentifiers(ex.sql(), r.rename);
        Example out = new Example(ex.id(), ex.dataset(), ex.dbId(), question, ex.evidence(), sql);
        return Optional.of(new Renamed(out, renamedSchema(schema, r.rename), r.rename.size()));
    }

    /** The decisions for one example: each lowercase name once (a column name shared by tables is decided once). */
    private static final class Renaming {
        final Set<String> sqlNames, taken = new HashSet<>(), decided = new HashSet<>();
        final List<Word> words;
        final Pool pool;
        final Random rng;
        final Map<String, String> rename = new HashMap<>();   // lowercase old name -> new name
        final List<int[]> spans = new ArrayList<>();          // question spans replaced
        final List<String> spoken = new ArrayList<>();        // and what replaces each

        Renaming(Example ex, DatabaseSchema schema, Pool pool, Random rng) {
            this.sqlNames = identifiersOutsideLiterals(ex.sql());
            this.words = words(ex.question());
            this.pool = pool;
            this.rng = rng;
            for (Table t : schema.tables()) {
                taken.add(lower(t.name()));
                for (Column c : t.columns()) taken.add(lower(c.name()));
            }
        }

        void decide(String name, String description, List<String> names) {
            String key = lower(name);
            if (!decided.add(key) || !IDENTIFIER.matcher(name).matches() || RESERVED.contains(key)) return;
            int[] span = mention(words, name);
            if (span == null && description != null) span = mention(words, description);
            if (span != null && overlaps(spans, span)) return;
            if (span == null && sqlNames.contains(key)) return;   // used but never mentioned: keep
            if (rng.nextDouble() >= RENAME_PROB) return;
            // drawn only when inventing, so that a pool without invention gives the draws it always gave
            boolean invent = pool.inventedShare() > 0 && !pool.words().isEmpty() && rng.nextDouble() < pool.inventedShare();
            String fresh = null;
            for (int tries = 0; tries < 20 && fresh == null; tries++) {
                String candidate = invent ? invent(name, pool.words(), rng) : names.get(rng.nextInt(names.size()));
                // borrowed names passed Pool.usable; a composed one may be a parser keyword ("full")
                if (!taken.contains(lower(candidate)) && !(invent && keyword(candidate))) fresh = candidate;
            }
            if (fresh == null) return;
            taken.add(lower(fresh));
            rename.put(key, fresh);
            if (span != null) {
                spans.add(span);
                String said = readable(fresh);
                Word last = words.get(span[3]);
                boolean plural = last.text().length() > last.stem().length() && lower(last.text()).endsWith("s") && !said.endsWith("s");
                spoken.add(plural ? said + "s" : said);
            }
        }
    }

    /**
     * A new name of as many random pool words as the old one has (1 to 3), written in the old one's
     * style: SNAKE_UPPER, Snake_Capitalized, snake_lower or CamelCase.
     */
    static String invent(String old, List<String> words, Random rng) {
        int k = Math.max(1, Math.min(3, NameWords.words(old).size()));
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < k; i++) parts.add(words.get(rng.nextInt(words.size())));
        boolean upper = old.equals(old.toUpperCase(Locale.ROOT)) && !old.equals(lower(old));
        boolean capital = Character.isUpperCase(old.charAt(0));
        boolean camel = !old.contains("_") && !upper && old.chars().skip(1).anyMatch(Character::isUpperCase);
        StringBuilder sb = new StringBuilder();
        for (String w : parts) {
            if (sb.length() > 0 && !camel) sb.append('_');
            if (upper) sb.append(w.toUpperCase(Locale.ROOT));
            else if (camel || capital) sb.append(Character.toUpperCase(w.charAt(0))).append(w, 1, w.length());
            else sb.append(w);
        }
        return sb.toString();
    }

    private record Word(String text, String stem, int start, int end) {}

    private static List<Word> words(String question) {
        List<Word> out = new ArrayList<>();
        Matcher m = WORD.matcher(question);
        while (m.find()) out.add(new Word(m.group(), NameWords.stem(m.group().toLowerCase(Locale.ROOT)), m.start(), m.end()));
        return out;
    }

    /** The first run of question words whose stems are the name's: {charStart, charEnd, firstWord, lastWord}. */
    private static int[] mention(List<Word> words, String name) {
        List<String> stems = NameWords.words(name).stream().map(NameWords::stem).toList();
        if (stems.isEmpty()) return null;
        outer:
        for (int i = 0; i + stems.size() <= words.size(); i++) {
            for (int j = 0; j < stems.size(); j++) if (!words.get(i + j).stem().equals(stems.get(j))) continue outer;
            Word first = words.get(i), last = words.get(i + stems.size() - 1);
            return new int[]{first.start(), last.end(), i, i + stems.size() - 1};
        }
        return null;
    }

    private static boolean keyword(String name) {
        String n = lower(name);
        return RESERVED.contains(n) || PARSER_KEYWORDS.contains(n);
    }

    private static boolean overlaps(List<int[]> spans, int[] s) {
        for (int[] o : spans) if (s[0] < o[1] && o[0] < s[1]) return true;
        return false;
    }

    private static String replaceSpans(String text, List<int[]> spans, List<String> with) {
        Integer[] order = new Integer[spans.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(spans.get(b)[0], spans.get(a)[0]));
        StringBuilder sb = new StringBuilder(text);
        for (int i : order) sb.replace(spans.get(i)[0], spans.get(i)[1], with.get(i));
        return sb.toString();
    }

    /** Identifiers of the SQL outside string literals ('...' and Spider's "..." values), lowercased. */
    static Set<String> identifiersOutsideLiterals(String sql) {
        Set<String> out = new HashSet<>();
        scan(sql, (start, end) -> { out.add(lower(sql.substring(start, end))); return null; });
        return out;
    }

    /** The SQL with every identifier outside literals that has a new name replaced (case-insensitively). */
    static String renameIdentifiers(String sql, Map<String, String> rename) {
        StringBuilder sb = new StringBuilder();
        int[] copied = {0};
        scan(sql, (start, end) -> {
            String fresh = rename.get(lower(sql.substring(start, end)));
            if (fresh != null) {
                sb.append(sql, copied[0], start).append(fresh);
                copied[0] = end;
            }
            return null;
        });
        return sb.append(sql, copied[0], sql.length()).toString();
    }

    private interface IdentifierVisitor { Void at(int start, int end); }

    /** Calls the visitor for each bare identifier that is not a function name; skips quoted text. */
    private static void scan(String sql, IdentifierVisitor visit) {
        int n = sql.length(), i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int j = i + 1;
                while (j < n) {
                    if (sql.charAt(j) == c) {
                        if (j + 1 < n && sql.charAt(j + 1) == c) { j += 2; continue; }
                        break;
                    }
                    j++;
                }
                i = j + 1;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i + 1;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) j++;
                int k = j;
                while (k < n && sql.charAt(k) == ' ') k++;
                boolean call = k < n && sql.charAt(k) == '(';
                boolean numberTail = i > 0 && Character.isDigit(sql.charAt(i - 1));
                if (!call && !numberTail) visit.at(i, j);
                i = j;
            } else {
                i++;
            }
        }
    }

    private static DatabaseSchema renamedSchema(DatabaseSchema s, Map<String, String> rename) {
        List<Table> tables = new ArrayList<>();
        for (Table t : s.tables()) {
            List<Column> cols = new ArrayList<>();
            for (Column c : t.columns()) {
                String fresh = rename.get(lower(c.name()));
                cols.add(fresh == null ? c : new Column(fresh, c.type(), c.primaryKey(), readable(fresh), c.sampleValues()));
            }
            String fresh = rename.get(lower(t.name()));
            tables.add(fresh == null ? new Table(t.name(), cols, t.description()) : new Table(fresh, cols, readable(fresh)));
        }
        List<ForeignKey> fks = new ArrayList<>();
        for (ForeignKey fk : s.foreignKeys())
            fks.add(new ForeignKey(name(fk.fromTable(), rename), name(fk.fromColumn(), rename), name(fk.toTable(), rename), name(fk.toColumn(), rename)));
        return new DatabaseSchema(s.dbId(), tables, fks);
    }

    /** What tables.json would call the name: its words, lowercase. */
    private static String readable(String name) { return String.join(" ", NameWords.words(name)); }

    private static String name(String old, Map<String, String> rename) { return rename.getOrDefault(lower(old), old); }

    private static String lower(String s) { return s.toLowerCase(Locale.ROOT); }
}
