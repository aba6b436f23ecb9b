package dev.vantage.data.augment;

import dev.vantage.data.augment.DatabaseProfile.ColumnProfile;
import dev.vantage.data.augment.DatabaseProfile.Kind;
import dev.vantage.data.augment.DatabaseProfile.TableProfile;
import dev.vantage.data.schema.ForeignKey;
import dev.vantage.data.sql.SqlLiterals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Question/SQL templates over a database's schema and content: counts, filters on real values,
 * aggregates, ordering, superlatives, grouping, joins along foreign keys, nested queries. Each
 * template picks its tables, columns and values at random and may decline (empty) when the
 * database has nothing that fits.
 */
final class SynthesisTemplates {
    record Candidate(String question, String sql, String template) {}

    interface Template {
        String name();

        Optional<Candidate> make(DatabaseProfile p, Random r);
    }

    private record Named(String name, Maker maker) implements Template {
        @Override public Optional<Candidate> make(DatabaseProfile p, Random r) {
            return maker.make(p, r).map(qs -> new Candidate(qs[0], qs[1], name));
        }
    }

    @FunctionalInterface
    private interface Maker {
        Optional<String[]> make(DatabaseProfile p, Random r);
    }

    private SynthesisTemplates() {}

    static List<Template> all() {
        List<Template> t = new ArrayList<>();
        t.add(new Named("count_all", SynthesisTemplates::countAll));
        t.add(new Named("list_column", SynthesisTemplates::listColumn));
        t.add(new Named("list_distinct", SynthesisTemplates::listDistinct));
        t.add(new Named("filter_text", SynthesisTemplates::filterText));
        t.add(new Named("count_filter_text", SynthesisTemplates::countFilterText));
        t.add(new Named("filter_number", SynthesisTemplates::filterNumber));
        t.add(new Named("filter_between", SynthesisTemplates::filterBetween));
        t.add(new Named("filter_like", SynthesisTemplates::filterLike));
        t.add(new Named("aggregate", SynthesisTemplates::aggregate));
        t.add(new Named("aggregate_filter", SynthesisTemplates::aggregateFilter));
        t.add(new Named("order_by", SynthesisTemplates::orderBy));
        t.add(new Named("superlative", SynthesisTemplates::superlative));
        t.add(new Named("top_k", SynthesisTemplates::topK));
        t.add(new Named("above_average", SynthesisTemplates::aboveAverage));
        t.add(new Named("group_count", SynthesisTemplates::groupCount));
        t.add(new Named("group_most", SynthesisTemplates::groupMost));
        t.add(new Named("group_having", SynthesisTemplates::groupHaving));
        t.add(new Named("group_aggregate", SynthesisTemplates::groupAggregate));
        t.add(new Named("join_filter", SynthesisTemplates::joinFilter));
        t.add(new Named("join_list", SynthesisTemplates::joinList));
        t.add(new Named("join_group_count", SynthesisTemplates::joinGroupCount));
        t.add(new Named("join_most", SynthesisTemplates::joinMost));
        t.add(new Named("not_in", SynthesisTemplates::notIn));
        t.add(new Named("join_path_filter", SynthesisTemplates::joinPathFilter));
        return t;
    }

    // ---- single table ----

    private static Optional<String[]> countAll(DatabaseProfile p, Random r) {
        TableProfile t = table(p, r);
        if (t == null) return Optional.empty();
        String n = Names.plural(t.words());
        return of(pick(r, "How many " + n + " are there?", "Count the number of " + n + ".", "What is the total number of " + n + "?"),
                "SELECT COUNT(*) FROM " + id(t));
    }

    private static Optional<String[]> listColumn(DatabaseProfile p, Random r) {
        TableProfile t = table(p, r);
        if (t == null) return Optional.empty();
        List<ColumnProfile> shown = t.displayable();
        ColumnProfile a = pick(r, shown);
        if (shown.size() > 1 && r.nextBoolean()) {
            ColumnProfile b = pick(r, shown);
            if (b != a) {
                return of(pick(r, "Show the " + a.words() + " and " + b.words() + " of all " + Names.plural(t.words()) + ".",
                                "List the " + a.words() + " and " + b.words() + " of every " + Names.singular(t.words()) + "."),
                        "SELECT " + id(a) + ", " + id(b) + " FROM " + id(t));
            }
        }
        return of(pick(r, "List the " + a.words() + " of all " + Names.plural(t.words()) + ".",
                        "What is the " + a.words() + " of each " + Names.singular(t.words()) + "?"),
                "SELECT " + id(a) + " FROM " + id(t));
    }

    private static Optional<String[]> listDistinct(DatabaseProfile p, Random r) {
        TableProfile t = table(p, r);
        if (t == null) return Optional.empty();
        ColumnProfile c = pickOrNull(r, t.columns().stream().filter(x -> x.categorical(t.rows())).toList());
        if (c == null) return Optional.empty();
        return of(pick(r, "What are the different " + Names.plural(c.words()) + " of the " + Names.plural(t.words()) + "?",
                        "List the distinct " + c.words() + " values among " + Names.plural(t.words()) + "."),
                "SELECT DISTINCT " + id(c) + " FROM " + id(t));
    }

    private static Optional<String[]> filterText(DatabaseProfile p, Random r) {
        TableProfile t = table(p, r);
        if (t == null) return Optional.empty();
        ColumnProfile f = pickOrNull(r, withValues(t.of(Kind.TEXT)));
        ColumnProfile s = pickOrNull(r, t.displayable().stream().filter(x -> x != f).toList());
        if (f == null || s == null) return Optional.empty();
        String v = pick(r, f.values());
        return of(pick(r, "What is the " + s.words() + " of the " + Names.singular(t.words()) + " whose " + f.words() + " is " + v + "?",
                        "Find the " + s.words() + " of " + Names.plural(t.words()) + " with " + f.words() + " \"" + v + "\".",
                        "Show the " + s.words() + " for the " + Names.plural(t.words()) + " where the " + f.words() + " is " + v + "."),
                "SELECT " + id(s) + " FROM " + id(t) + " WHERE " + id(f) + " = " + SqlLiterals.string(v));
    }

    private static Optional<String[]> countFilterText(DatabaseProfile p, Random r) {
        TableProfile t = table(p, r);
        if (t == null) return Optional.empty();
        ColumnProfile f = pickOrNull(r, withValues(t.of(Kind.TEXT)));
        if (f == null) return Optional.empty();
        String v = pick(r, f.values());
        boolean not = r.nextInt(4) == 0;
        return of(not ? "How many " + Names.plural(t.words()) + " have " + Names.a(f.words()) + " other than " + v + "?"
                        : pick(r, "How many " + Names.plural(t.words()) + " have " + f.words() + " " + v + "?",
                        "Count the " + Names.plural(t.words()) + " whose " + f.words() + " is " + v + "."),
                "SELECT COUNT(*) FROM " + id(t) + " WHERE " + id(f) + (not ? " != " : " = ") + SqlLiterals.string(v));
    }

    private static Optional<String[]> filterNumber(DatabaseProfile p, Random r) {
        TableProfile t = table(p, r);
        if (t == null) return Optional.empty();
        ColumnProfile n = pickOrNull(r, withValues(t.of(Kind.NUMBER)));
        ColumnProfile s = pickOrNull(r, t.displayable().stream().filter(x -> x != n).toList());
        if (n == null || s == null) return Optional.empty();
        String v = pick(r, n.values());
        String[][] ops = {{">", "greater than", "more than"}, {"<", "less than", "below"}, {">=", "at least", "no less than"}, {"<=", "at most", "no more than"}};
        String[] op = ops[r.nextInt(ops.length)];
        return of(pick(r, "Which " + Names.plural(t.words()) + " have " + Names.a(n.words()) + " " + op[1] + " " + v + "? Give their " + s.words() + ".",
                        "List the " + s.words() + " of " + Names.plural(t.words()) + " whose " + n.words() + " is " + op[2] + " " + v + "."),
                "SELECT " + id(s) + " FROM " + id(t) + " WHERE " + id(n) + " " + op[0] + " " + v);
    }

    private static Optional<String[]> filterBetween(DatabaseProfile p, Random r) {
        TableProfile t = table(p, r);
        if (t == null) return Optional.empty();
        ColumnProfile n = pickOrNull(r, t.of(Kind.NUMBER).stream().filter(c -> c.values().size() >= 3).toList());
        ColumnProfile s = pickOrNull(r, t.displayable().stream().filter(x -> x != n).toList());
        if (n == null || s == null) return Optional.empty();
        List<Double> nums = n.values().stream().map(Double::parseDouble).sorted().toList();
        int i = r.nextInt(nums.size() - 1), j = i + 1 + r.nextInt(nums.size() - i - 1);
        String lo = number(nums.get(i)), hi = number(nums.get(j));
        return of("Show the " + s.words() + " of " + Names.plural(t.words()) + " with " + Names.a(n.words()) + " between " + lo + " and " + hi + ".",
                "SELECT " + id(s) + " FROM " + id(t) + " WHERE " + id(n) + " BETWEEN " + lo + " AND " + hi);
    }

    private static Optional<String[]> filterLike(DatabaseProfile p, Random r) {
        TableProfile t = table(p, r);
        if (t == null) return Optional.empty();
        ColumnProfile f = pickOrNull(r, withValues(t.of(Kind.TEXT)));
        if (f == null) return Optional.empty();
        List<String> words = new ArrayList<>();
        for (String w : pick(r, f.values()).split("[^\\p{L}\\p{N}]+")) if (w.length() >= 3) words.add(w);
        if (words.isEmpty()) return Optional.empty();
        String w = pick(r, words);
        return of(pick(r, "Which " + Names.plural(t.words()) + " have " + Names.a(f.words()) + " containing \"" + w + "\"? List the " + f.words() + ".",
                        "Find every " + f.words() + " of " + Names.plural(t.words()) + " that includes the word " + w + "."),
                "SELECT " + id(f) + " FROM " + id(t) + " WHERE " + id(f) + " LIKE " + SqlLiterals.string("%" + w + "%"));
    }

    private static final String[][] AGGREGATES = {{"AVG", "average"}, {"MAX", "maximum"}, {"MIN", "minimum"}, {"SUM", "total"}};

    private static Optional<String[]> aggregate(DatabaseProfile p, Random r) {
        TableProfile t = table(p, r);
        if (t == null) return Optional.empty();
        ColumnProfile n = pickOrNull(r, t.of(Kind.NUMBER).stream().filter(ColumnProfile::additive).toList());
        if (n == null) return Optional.empty();
        String[] agg = AGGREGATES[r.nextInt(AGGREGATES.length)];
        return of(pick(r, "What is the " + agg[1] + " " + n.words() + " of all " + Names.plural(t.words()) + "?",
                        "Find the " + agg[1] + " " + n.words() + " across " + Names.plural(t.words()) + "."),
                "SELECT " + agg[0] + "(" + id(n) + ") FROM " + id(t));
    }

    private static Optional<String[]> aggregateFilter(DatabaseProfile p, Random r) {
        TableProfile t = table(p, r);
        if (t == null) return Optional.empty();
        ColumnProfile n = pickOrNull(r, t.of(Kind.NUMBER).stream().filter(ColumnProfile::additive).toList());
        ColumnProfile f = pickOrNull(r, withValues(t.of(Kind.TEXT)));
        if (n == null || f == null) return Optional.empty();
        String[] agg = AGGREGATES[r.nextInt(AGGREGATES.length)];
        String v = pick(r, f.values());
        return of("What is the " + agg[1] + " " + n.words() + " of " + Names.plural(t.words()) + " whose " + f.words() + " is " + v + "?",
                "SELECT " + agg[0] + "(" + id(n) + ") FROM " + id(t) + " WHERE " + id(f) + " = " + SqlLiterals.string(v));
    }

    private static Optional<String[]> orderBy(DatabaseProfile p, Random r) {
        TableProfile t = table(p, r);
        if (t == null) return Optional.empty();
        ColumnProfile n = pickOrNull(r, t.of(Kind.NUMBER));
        ColumnProfile s = pickOrNull(r, t.displayable().stream().filter(x -> x != n).toList());
        if (n == null || s == null) return Optional.empty();
        boolean desc = r.nextBoolean();
        return of(desc ? "List the " + s.words() + " of all " + Names.plural(t.words()) + " in descending order of " + n.words() + "."
                        : "Show the " + s.words() + " of " + Names.plural(t.words()) + " sorted by " + n.words() + " from lowest to highest.",
                "SELECT " + id(s) + " FROM " + id(t) + " ORDER BY " + id(n) + (desc ? " DESC" : ""));
    }

    private static Optional<String[]> superlative(DatabaseProfile p, Random r) {
        TableProfile t = table(p, r);
        if (t == null) return Optional.empty();
        ColumnProfile n = pickOrNull(r, t.of(Kind.NUMBER));
        ColumnProfile s = pickOrNull(r, t.displayable().stream().filter(x -> x != n).toList());
        if (n == null || s == null) return Optional.empty();
        boolean high = r.nextBoolean();
        String most = high ? "highest" : "lowest";
        return of(pick(r, "Which " + Names.singular(t.words()) + " has the " + most + " " + n.words() + "? Give its " + s.words() + ".",
                        "What is the " + s.words() + " of the " + Names.singular(t.words()) + " with the " + most + " " + n.words() + "?"),
                "SELECT " + id(s) + " FROM " + id(t) + " ORDER BY " + id(n) + (high ? " DESC" : "") + " LIMIT 1");
    }

    private static Optional<String[]> topK(DatabaseProfile p, Random r) {
        TableProfile t = table(p, r);
        if (t == null || t.rows() < 4) return Optional.empty();
        ColumnProfile n = pickOrNull(r, t.of(Kind.NUMBER));
        ColumnProfile s = pickOrNull(r, t.displayable().stream().filter(x -> x != n).toList());
        if (n == null || s == null) return Optional.empty();
        int k = 2 + r.nextInt(4);
        return of("What are the " + s.words() + " of the " + k + " " + Names.plural(t.words()) + " with the largest " + n.words() + "?",
                "SELECT " + id(s) + " FROM " + id(t) + " ORDER BY " + id(n) + " DESC LIMIT " + k);
    }

    private static Optional<String[]> aboveAverage(DatabaseProfile p, Random r) {
        TableProfile t = table(p, r);
        if (t == null) return Optional.empty();
        ColumnProfile n = pickOrNull(r, t.of(Kind.NUMBER).stream().filter(ColumnProfile::additive).toList());
        ColumnProfile s = pickOrNull(r, t.displayable().stream().filter(x -> x != n).toList());
        if (n == null || s == null) return Optional.empty();
        boolean above = r.nextBoolean();
        return of("Which " + Names.plural(t.words()) + " have " + Names.a(n.words()) + (above ? " above" : " below") + " the average? List their " + s.words() + ".",
                "SELECT " + id(s) + " FROM " + id(t) + " WHERE " + id(n) + (above ? " > " : " < ") + "(SELECT AVG(" + id(n) + ") FROM " + id(t) + ")");
    }

    private static Optional<String[]> groupCount(DatabaseProfile p, Random r) {
        TableProfile t = table(p, r);
        if (t == null) return Optional.empty();
        ColumnProfile g = pickOrNull(r, t.columns().stream().filter(c -> c.categorical(t.rows())).toList());
        if (g == null) return Optional.empty();
        return of(pick(r, "How many " + Names.plural(t.words()) + " are there for each " + g.words() + "?",
                        "Show each " + g.words() + " and the number of " + Names.plural(t.words()) + " with it."),
                "SELECT " + id(g) + ", COUNT(*) FROM " + id(t) + " GROUP BY " + id(g));
    }

    private static Optional<String[]> groupMost(DatabaseProfile p, Random r) {
        TableProfile t = table(p, r);
        if (t == null) return Optional.empty();
        ColumnProfile g = pickOrNull(r, t.columns().stream().filter(c -> c.categorical(t.rows())).toList());
        if (g == null) return Optional.empty();
        boolean most = r.nextInt(3) > 0;
        return of("Which " + g.words() + " has the " + (most ? "most" : "fewest") + " " + Names.plural(t.words()) + "?",
                "SELECT " + id(g) + " FROM " + id(t) + " GROUP BY " + id(g) + " ORDER BY COUNT(*)" + (most ? " DESC" : "") + " LIMIT 1");
    }

    private static Optional<String[]> groupHaving(DatabaseProfile p, Random r) {
        TableProfile t = table(p, r);
        if (t == null) return Optional.empty();
        ColumnProfile g = pickOrNull(r, t.columns().stream().filter(c -> c.categorical(t.rows())).toList());
        if (g == null) return Optional.empty();
        int k = 1 + r.nextInt(2);
        return of("Which " + Names.plural(g.words()) + " are shared by more than " + k + " " + Names.plural(t.words()) + "?",
                "SELECT " + id(g) + " FROM " + id(t) + " GROUP BY " + id(g) + " HAVING COUNT(*) > " + k);
    }

    private static Optional<String[]> groupAggregate(DatabaseProfile p, Random r) {
        TableProfile t = table(p, r);
        if (t == null) return Optional.empty();
        ColumnProfile g = pickOrNull(r, t.columns().stream().filter(c -> c.categorical(t.rows())).toList());
        ColumnProfile n = pickOrNull(r, t.of(Kind.NUMBER).stream().filter(c -> c.additive() && c != g).toList());
        if (g == null || n == null) return Optional.empty();
        String[] agg = AGGREGATES[r.nextInt(AGGREGATES.length)];
        return of("What is the " + agg[1] + " " + n.words() + " of " + Names.plural(t.words()) + " for each " + g.words() + "?",
                "SELECT " + id(g) + ", " + agg[0] + "(" + id(n) + ") FROM " + id(t) + " GROUP BY " + id(g));
    }

    // ---- along foreign keys ----

    /** A foreign key between two different non-empty tables: child (referencing) and parent. */
    private record Link(TableProfile child, TableProfile parent, ForeignKey fk) {
        String on() {
            return "T1." + SqlLiterals.identifier(fk.fromColumn()) + " = T2." + SqlLiterals.identifier(fk.toColumn());
        }

        String from() {
            return " FROM " + id(child) + " AS T1 JOIN " + id(parent) + " AS T2 ON " + on();
        }
    }

    private static Link link(DatabaseProfile p, Random r) {
        List<Link> links = new ArrayList<>();
        for (ForeignKey fk : p.schema.foreignKeys()) {
            TableProfile c = p.table(fk.fromTable()), pa = p.table(fk.toTable());
            if (c != null && pa != null && c != pa && c.rows() > 0 && pa.rows() > 0) links.add(new Link(c, pa, fk));
        }
        return pickOrNull(r, links);
    }

    private static Optional<String[]> joinFilter(DatabaseProfile p, Random r) {
        Link l = link(p, r);
        if (l == null) return Optional.empty();
        ColumnProfile f = pickOrNull(r, withValues(l.parent.of(Kind.TEXT)));
        ColumnProfile s = pickOrNull(r, l.child.displayable());
        if (f == null || s == null) return Optional.empty();
        String v = pick(r, f.values());
        return of("What are the " + s.words() + " of the " + Names.plural(l.child.words()) + " whose " + Names.singular(l.parent.words()) + " has " + f.words() + " " + v + "?",
                "SELECT T1." + id(s) + l.from() + " WHERE T2." + id(f) + " = " + SqlLiterals.string(v));
    }

    private static Optional<String[]> joinList(DatabaseProfile p, Random r) {
        Link l = link(p, r);
        if (l == null) return Optional.empty();
        ColumnProfile a = pickOrNull(r, l.child.displayable()), b = pickOrNull(r, l.parent.displayable());
        if (a == null || b == null) return Optional.empty();
        return of("Show the " + a.words() + " of each " + Names.singular(l.child.words()) + " together with the " + b.words() + " of its " + Names.singular(l.parent.words()) + ".",
                "SELECT T1." + id(a) + ", T2." + id(b) + l.from());
    }

    private static Optional<String[]> joinGroupCount(DatabaseProfile p, Random r) {
        Link l = link(p, r);
        if (l == null) return Optional.empty();
        ColumnProfile b = pickOrNull(r, l.parent.displayable());
        if (b == null) return Optional.empty();
        return of("How many " + Names.plural(l.child.words()) + " does each " + Names.singular(l.parent.words()) + " have? Show the " + b.words() + " and the count.",
                "SELECT T2." + id(b) + ", COUNT(*)" + l.from() + " GROUP BY T1." + SqlLiterals.identifier(l.fk.fromColumn()));
    }

    private static Optional<String[]> joinMost(DatabaseProfile p, Random r) {
        Link l = link(p, r);
        if (l == null) return Optional.empty();
        ColumnProfile b = pickOrNull(r, l.parent.displayable());
        if (b == null) return Optional.empty();
        return of("Which " + Names.singular(l.parent.words()) + " has the most " + Names.plural(l.child.words()) + "? Give its " + b.words() + ".",
                "SELECT T2." + id(b) + l.from() + " GROUP BY T1." + SqlLiterals.identifier(l.fk.fromColumn()) + " ORDER BY COUNT(*) DESC LIMIT 1");
    }

    private static Optional<String[]> notIn(DatabaseProfile p, Random r) {
        Link l = link(p, r);
        if (l == null) return Optional.empty();
        ColumnProfile b = pickOrNull(r, l.parent.displayable());
        if (b == null) return Optional.empty();
        return of("Which " + Names.plural(l.parent.words()) + " have no " + Names.plural(l.child.words()) + "? List their " + b.words() + ".",
                "SELECT " + id(b) + " FROM " + id(l.parent) + " WHERE " + SqlLiterals.identifier(l.fk.toColumn()) + " NOT IN (SELECT "
                        + SqlLiterals.identifier(l.fk.fromColumn()) + " FROM " + id(l.child) + " WHERE "
                        + SqlLiterals.identifier(l.fk.fromColumn()) + " IS NOT NULL)");
    }

    /** Two tables two or more keys apart, joined along the shortest path of the join graph. */
    private static Optional<String[]> joinPathFilter(DatabaseProfile p, Random r) {
        List<TableProfile> nonEmpty = p.tables.stream().filter(t -> t.rows() > 0).toList();
        if (nonEmpty.size() < 3) return Optional.empty();
        TableProfile a = pick(r, nonEmpty), b = pick(r, nonEmpty);
        List<ForeignKey> path = a == b ? List.of() : p.joins.path(a.table().name(), b.table().name());
        if (path.size() < 2) return Optional.empty();
        ColumnProfile s = pickOrNull(r, a.displayable());
        ColumnProfile f = pickOrNull(r, withValues(b.of(Kind.TEXT)));
        if (s == null || f == null) return Optional.empty();
        Map<String, String> alias = new HashMap<>();
        alias.put(a.table().name().toLowerCase(), "T1");
        StringBuilder from = new StringBuilder(" FROM " + id(a) + " AS T1");
        String current = a.table().name();
        for (ForeignKey fk : path) {
            boolean forward = fk.fromTable().equalsIgnoreCase(current);
            String next = forward ? fk.toTable() : fk.fromTable();
            String nextAlias = "T" + (alias.size() + 1);
            alias.put(next.toLowerCase(), nextAlias);
            String curAlias = alias.get(current.toLowerCase());
            String curCol = forward ? fk.fromColumn() : fk.toColumn(), nextCol = forward ? fk.toColumn() : fk.fromColumn();
            from.append(" JOIN ").append(SqlLiterals.identifier(next)).append(" AS ").append(nextAlias).append(" ON ")
                    .append(curAlias).append('.').append(SqlLiterals.identifier(curCol)).append(" = ")
                    .append(nextAlias).append('.').append(SqlLiterals.identifier(nextCol));
            current = next;
        }
        String v = pick(r, f.values());
        return of("What are the distinct " + s.words() + " of the " + Names.plural(a.words()) + " related to the " + Names.singular(b.words())
                        + " whose " + f.words() + " is " + v + "?",
                "SELECT DISTINCT T1." + id(s) + from + " WHERE " + alias.get(b.table().name().toLowerCase()) + "." + id(f) + " = " + SqlLiterals.string(v));
    }

    // ---- helpers ----

    private static TableProfile table(DatabaseProfile p, Random r) {
        return pickOrNull(r, p.tables.stream().filter(t -> t.rows() > 0).toList());
    }

    private static List<ColumnProfile> withValues(List<ColumnProfile> cols) {
        return cols.stream().filter(c -> !c.values().isEmpty()).toList();
    }

    private static String id(TableProfile t) {
        return SqlLiterals.identifier(t.table().name());
    }

    private static String id(ColumnProfile c) {
        return SqlLiterals.identifier(c.name());
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static Optional<String[]> of(String question, String sql) {
        return Optional.of(new String[]{question, sql});
    }

    @SafeVarargs
    private static <T> T pick(Random r, T... options) {
        return options[r.nextInt(options.length)];
    }

    private static <T> T pick(Random r, List<T> options) {
        return options.get(r.nextInt(options.size()));
    }

    private static <T> T pickOrNull(Random r, List<T> options) {
        return options.isEmpty() ? null : options.get(r.nextInt(options.size()));
    }
}
