package dev.vantage.data.schema;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Differences between two schemas of the same database, e.g. what tables.json declares and what
 * the SQLite file holds. Names are compared ignoring case (as SQLite does), with case-only
 * differences reported separately.
 */
public final class SchemaComparison {
    public enum Kind {
        TABLE_ONLY_IN_FIRST, TABLE_ONLY_IN_SECOND, TABLE_NAME_CASE,
        COLUMN_ONLY_IN_FIRST, COLUMN_ONLY_IN_SECOND, COLUMN_NAME_CASE, COLUMN_ORDER,
        PRIMARY_KEY, FOREIGN_KEY_ONLY_IN_FIRST, FOREIGN_KEY_ONLY_IN_SECOND
    }

    public record Difference(String dbId, Kind kind, String detail) {
        @Override public String toString() { return dbId + ": " + kind + " " + detail; }
    }

    private SchemaComparison() {}

    public static List<Difference> compare(DatabaseSchema first, DatabaseSchema second) {
        String db = first.dbId();
        List<Difference> out = new ArrayList<>();
        for (Table a : first.tables()) {
            var b = second.table(a.name());
            if (b.isEmpty()) { out.add(new Difference(db, Kind.TABLE_ONLY_IN_FIRST, a.name())); continue; }
            if (!a.name().equals(b.get().name())) out.add(new Difference(db, Kind.TABLE_NAME_CASE, a.name() + " / " + b.get().name()));
            compareColumns(db, a, b.get(), out);
        }
        for (Table b : second.tables()) {
            if (first.table(b.name()).isEmpty()) out.add(new Difference(db, Kind.TABLE_ONLY_IN_SECOND, b.name()));
        }
        Set<String> fa = fkKeys(first), fb = fkKeys(second);
        for (String k : fa) if (!fb.contains(k)) out.add(new Difference(db, Kind.FOREIGN_KEY_ONLY_IN_FIRST, k));
        for (String k : fb) if (!fa.contains(k)) out.add(new Difference(db, Kind.FOREIGN_KEY_ONLY_IN_SECOND, k));
        return out;
    }

    private static void compareColumns(String db, Table a, Table b, List<Difference> out) {
        List<String> common = new ArrayList<>();
        for (Column c : a.columns()) {
            var d = b.column(c.name());
            if (d.isEmpty()) { out.add(new Difference(db, Kind.COLUMN_ONLY_IN_FIRST, a.name() + "." + c.name())); continue; }
            common.add(lower(c.name()));
            if (!c.name().equals(d.get().name())) out.add(new Difference(db, Kind.COLUMN_NAME_CASE, a.name() + "." + c.name() + " / " + d.get().name()));
        }
        for (Column d : b.columns()) {
            if (a.column(d.name()).isEmpty()) out.add(new Difference(db, Kind.COLUMN_ONLY_IN_SECOND, b.name() + "." + d.name()));
        }
        List<String> orderB = b.columns().stream().map(c -> lower(c.name())).filter(common::contains).toList();
        if (!common.equals(orderB)) out.add(new Difference(db, Kind.COLUMN_ORDER, a.name()));
        Set<String> pa = a.primaryKey().stream().map(c -> lower(c.name())).collect(Collectors.toSet());
        Set<String> pb = b.primaryKey().stream().map(c -> lower(c.name())).collect(Collectors.toSet());
        if (!pa.equals(pb)) out.add(new Difference(db, Kind.PRIMARY_KEY, a.name() + " " + pa + " / " + pb));
    }

    private static Set<String> fkKeys(DatabaseSchema s) {
        Set<String> out = new HashSet<>();
        for (ForeignKey fk : s.foreignKeys()) {
            out.add(lower(fk.fromTable() + "." + fk.fromColumn() + " -> " + fk.toTable() + "." + fk.toColumn()));
        }
        return out;
    }

    /** Counts per kind, in enum order. */
    public static TreeMap<Kind, Long> countByKind(List<Difference> diffs) {
        return diffs.stream().collect(Collectors.groupingBy(Difference::kind, TreeMap::new, Collectors.counting()));
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
