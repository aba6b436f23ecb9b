package dev.vantage.inference.constraint;

import dev.vantage.data.schema.Column;
import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.ForeignKey;
import dev.vantage.data.schema.Table;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The schema's names in lower case, as hash sets for whole names and sorted arrays for prefixes. */
final class SchemaNames {
    /** A table in scope: a schema table, or a derived table (a subquery in FROM). */
    static final class TableInfo {
        final String name;
        final NameSet columns;

        TableInfo(String name, NameSet columns) {
            this.name = name;
            this.columns = columns;
        }
    }

    /** Whole-name membership and prefix tests over a fixed set of lower-case names. */
    static final class NameSet {
        private final Set<String> names;
        private final String[] sorted;

        NameSet(Set<String> names) {
            this.names = Set.copyOf(names);
            this.sorted = names.toArray(String[]::new);
            Arrays.sort(sorted);
        }

        int size() {
            return sorted.length;
        }

        boolean contains(String lower) {
            return names.contains(lower);
        }

        /** The names starting with {@code prefix}, in order. */
        java.util.List<String> withPrefix(String prefix) {
            int i = Arrays.binarySearch(sorted, prefix);
            if (i < 0) i = -i - 1;
            int j = i;
            while (j < sorted.length && sorted[j].startsWith(prefix)) j++;
            return Arrays.asList(sorted).subList(i, j);
        }

        /** Whether some name starts with {@code prefix} (lower case). */
        boolean anyStartsWith(String prefix) {
            int i = Arrays.binarySearch(sorted, prefix);
            if (i >= 0) return true;
            i = -i - 1;
            return i < sorted.length && sorted[i].startsWith(prefix);
        }
    }

    final Map<String, TableInfo> tables = new HashMap<>();
    final NameSet tableNames;
    final NameSet allColumns;
    /** Columns of a subquery in FROM are not tracked: any column name of the schema is accepted. */
    final TableInfo derived;
    /** Join edges between two tables: "ta.ca=tb.cb" and "ta.ca=tb", both directions, lower case. */
    private final Set<String> joinEdges = new HashSet<>();
    /** Pairs of tables held to their join edges, "ta=tb" both ways (see {@link #joins}). */
    private final Set<String> held = new HashSet<>();
    /** Pairs of tables with at least one join edge, "ta=tb" both ways. */
    private final Set<String> linked = new HashSet<>();
    /** Column names a declared foreign key pairs, "ca=cb" both ways. */
    private final Set<String> keyNames = new HashSet<>();

    SchemaNames(DatabaseSchema schema) {
        Set<String> all = new HashSet<>();
        Set<String> keys = new HashSet<>();   // "t.c": primary keys and the columns of declared foreign keys
        for (Table t : schema.tables()) {
            Set<String> cols = new HashSet<>();
            for (Column c : t.columns()) {
                String n = lower(c.name());
                if (n.equals("*")) continue;
                cols.add(n);
                all.add(n);
                if (c.primaryKey()) keys.add(lower(t.name()) + "." + n);
            }
            tables.putIfAbsent(lower(t.name()), new TableInfo(lower(t.name()), new NameSet(cols)));
        }
        tableNames = new NameSet(tables.keySet());
        allColumns = new NameSet(all);
        derived = new TableInfo("", allColumns);
        Map<String, Set<String>> references = new HashMap<>();   // "t.c" -> itself and the columns it references
        for (ForeignKey fk : schema.foreignKeys()) {
            String a = lower(fk.fromTable()), b = lower(fk.toTable());
            String from = a + "." + lower(fk.fromColumn()), to = b + "." + lower(fk.toColumn());
            addJoin(a, lower(fk.fromColumn()), b, lower(fk.toColumn()));
            hold(a, b);
            keyNames.add(lower(fk.fromColumn()) + "=" + lower(fk.toColumn()));
            keyNames.add(lower(fk.toColumn()) + "=" + lower(fk.fromColumn()));
            references.computeIfAbsent(from, k -> new HashSet<>(Set.of(k))).add(to);
            references.computeIfAbsent(to, k -> new HashSet<>(Set.of(k)));
        }
        keys.addAll(references.keySet());
        Set<String> keyed = new HashSet<>();
        for (String tc : references.keySet()) keyed.add(tc.substring(0, tc.indexOf('.')));
        for (String a : keyed)
            for (String b : keyed)
                if (a.compareTo(b) < 0 && !held.contains(a + "=" + b) && tables.containsKey(a) && tables.containsKey(b))
                    linkUndeclared(tables.get(a), tables.get(b), references, keys);
    }

    /**
     * Two tables that each take part in declared foreign keys but share none: Spider's gold joins them
     * on a column name both have where one of the two is a key (city.CountryCode =
     * countrylanguage.CountryCode, loan.cust_id = customer.cust_id) or on two keys that reference the
     * same column, in 79 of 97 train ON conditions and 2 of 2 dev ones (the rest: activity_1, which does
     * not declare Student.Advisor, 14, and movie_1's self-join on director, 4). Held to those, so that Documents
     * cannot join Ref_Template_Types on any two columns but only through Templates, nor singer stadium
     * on Name.
     */
    private void linkUndeclared(TableInfo a, TableInfo b, Map<String, Set<String>> references, Set<String> keys) {
        hold(a.name, b.name);
        for (String ca : a.columns.sorted)
            for (String cb : b.columns.sorted) {
                String ka = a.name + "." + ca, kb = b.name + "." + cb;
                boolean sharedKey = ca.equals(cb) && (keys.contains(ka) || keys.contains(kb));
                Set<String> ra = references.get(ka), rb = references.get(kb);
                boolean siblings = ra != null && rb != null && ra.stream().anyMatch(rb::contains);
                if (sharedKey || siblings) addJoin(a.name, ca, b.name, cb);
            }
    }

    private void hold(String ta, String tb) {
        held.add(ta + "=" + tb);
        held.add(tb + "=" + ta);
    }

    private void addJoin(String ta, String ca, String tb, String cb) {
        linked.add(ta + "=" + tb);
        linked.add(tb + "=" + ta);
        joinEdges.add(ta + "." + ca + "=" + tb + "." + cb);
        joinEdges.add(tb + "." + cb + "=" + ta + "." + ca);
        joinEdges.add(ta + "." + ca + "=" + tb);
        joinEdges.add(tb + "." + cb + "=" + ta);
    }

    /**
     * Whether ta.ca = tb.cb may join the two tables: any columns when a table takes part in no declared
     * foreign key (many databases declare none: flight_2 joins flights to airports on codes); a
     * declared foreign key where one links them (Spider's gold joins on it in 484 of 484 dev and 3,483
     * of 3,495 train ON conditions, never on another column name both tables have, {@code T1.id = T2.id});
     * else a shared key name or two keys of one column ({@link #linkUndeclared}).
     */
    boolean joins(String ta, String ca, String tb, String cb) {
        return !held.contains(ta + "=" + tb) || joinEdges.contains(ta + "." + ca + "=" + tb + "." + cb);
    }

    /** Whether some column of tb joins ta.ca. */
    boolean columnJoins(String ta, String ca, String tb) {
        return !held.contains(ta + "=" + tb) || joinEdges.contains(ta + "." + ca + "=" + tb);
    }

    /**
     * Whether {@code x IN (SELECT y ...)} may pair the two column names: the same name, or the two
     * ends of a declared foreign key. Spider's gold does so in every IN subquery whose item is a
     * bare column (50 dev, 278 train); the model's {@code Name NOT IN (SELECT Singer_ID ...)} did not.
     */
    boolean sameValues(String x, String y) {
        return x.equals(y) || keyNames.contains(x + "=" + y);
    }

    /** Whether some pair of columns joins the two tables. */
    boolean tablesJoin(String ta, String tb) {
        return !held.contains(ta + "=" + tb) || linked.contains(ta + "=" + tb);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
