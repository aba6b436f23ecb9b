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
    /** Join edges between two tables, the declared foreign keys: "ta.ca=tb.cb" and "ta.ca=tb", both directions, lower case. */
    private final Set<String> joinEdges = new HashSet<>();
    /** Pairs of tables a declared foreign key links, "ta=tb" both ways: only these are held to their edges. */
    private final Set<String> declared = new HashSet<>();

    SchemaNames(DatabaseSchema schema) {
        Set<String> all = new HashSet<>();
        for (Table t : schema.tables()) {
            Set<String> cols = new HashSet<>();
            for (Column c : t.columns()) {
                String n = lower(c.name());
                if (n.equals("*")) continue;
                cols.add(n);
                all.add(n);
            }
            tables.putIfAbsent(lower(t.name()), new TableInfo(lower(t.name()), new NameSet(cols)));
        }
        tableNames = new NameSet(tables.keySet());
        allColumns = new NameSet(all);
        derived = new TableInfo("", allColumns);
        for (ForeignKey fk : schema.foreignKeys()) {
            String a = lower(fk.fromTable()), b = lower(fk.toTable());
            addJoin(a, lower(fk.fromColumn()), b, lower(fk.toColumn()));
            declared.add(a + "=" + b);
            declared.add(b + "=" + a);
        }
    }

    private void addJoin(String ta, String ca, String tb, String cb) {
        joinEdges.add(ta + "." + ca + "=" + tb + "." + cb);
        joinEdges.add(tb + "." + cb + "=" + ta + "." + ca);
        joinEdges.add(ta + "." + ca + "=" + tb);
        joinEdges.add(tb + "." + cb + "=" + ta);
    }

    /**
     * Whether ta.ca = tb.cb may join the two tables: any columns when no foreign key links them (many
     * databases declare none: flight_2 joins flights to airports on codes), else a declared foreign
     * key. Where one is declared, Spider's gold joins on it in 484 of 484 dev and 3,483 of 3,495 train
     * ON conditions, never on another column name both tables have ({@code T1.id = T2.id}).
     */
    boolean joins(String ta, String ca, String tb, String cb) {
        return !declared.contains(ta + "=" + tb) || joinEdges.contains(ta + "." + ca + "=" + tb + "." + cb);
    }

    /** Whether some column of tb joins ta.ca. */
    boolean columnJoins(String ta, String ca, String tb) {
        return !declared.contains(ta + "=" + tb) || joinEdges.contains(ta + "." + ca + "=" + tb);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
