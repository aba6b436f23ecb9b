package dev.vantage.data.augment;

import dev.vantage.data.schema.Column;
import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.ForeignKey;
import dev.vantage.data.schema.Table;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/** Schema-side augmentations: shuffled order, irrelevant tables dropped, foreign tables added. */
public final class SchemaPerturbation {
    /** At most this many tables are borrowed from another database. */
    static final int MAX_ADDED_TABLES = 3;

    private SchemaPerturbation() {}

    /** Tables in random order, and columns in random order within each table. */
    public static DatabaseSchema shuffle(DatabaseSchema s, Random rng) {
        List<Table> tables = new ArrayList<>();
        for (Table t : s.tables()) {
            List<Column> cols = new ArrayList<>(t.columns());
            Collections.shuffle(cols, rng);
            tables.add(t.withColumns(cols));
        }
        Collections.shuffle(tables, rng);
        return new DatabaseSchema(s.dbId(), tables, s.foreignKeys());
    }

    /**
     * Drops each table the SQL does not use with probability 1/2 (at least one when there is any),
     * with the foreign keys that touch it. Returns the schema unchanged when every table is used.
     */
    public static DatabaseSchema dropUnusedTables(DatabaseSchema s, Set<String> usedTables, Random rng) {
        Set<String> used = lower(usedTables);
        List<Table> unused = s.tables().stream().filter(t -> !used.contains(lc(t.name()))).toList();
        if (unused.isEmpty()) return s;
        Set<String> drop = new HashSet<>();
        for (Table t : unused) if (rng.nextBoolean()) drop.add(lc(t.name()));
        if (drop.isEmpty()) drop.add(lc(unused.get(rng.nextInt(unused.size())).name()));
        List<Table> kept = s.tables().stream().filter(t -> !drop.contains(lc(t.name()))).toList();
        List<ForeignKey> fks = s.foreignKeys().stream()
                .filter(fk -> !drop.contains(lc(fk.fromTable())) && !drop.contains(lc(fk.toTable()))).toList();
        return new DatabaseSchema(s.dbId(), kept, fks);
    }

    /**
     * Appends 1 to {@link #MAX_ADDED_TABLES} random tables of {@code other} whose names the schema does
     * not already have, with the foreign keys among them. Returns the schema unchanged when none fits.
     */
    public static DatabaseSchema addTablesFrom(DatabaseSchema s, DatabaseSchema other, Random rng) {
        Set<String> taken = lower(s.tables().stream().map(Table::name).toList());
        List<Table> candidates = new ArrayList<>(other.tables().stream().filter(t -> !taken.contains(lc(t.name()))).toList());
        if (candidates.isEmpty()) return s;
        Collections.shuffle(candidates, rng);
        List<Table> added = candidates.subList(0, 1 + rng.nextInt(Math.min(MAX_ADDED_TABLES, candidates.size())));
        Set<String> addedNames = lower(added.stream().map(Table::name).toList());
        List<Table> tables = new ArrayList<>(s.tables());
        tables.addAll(added);
        List<ForeignKey> fks = new ArrayList<>(s.foreignKeys());
        for (ForeignKey fk : other.foreignKeys()) {
            if (addedNames.contains(lc(fk.fromTable())) && addedNames.contains(lc(fk.toTable()))) fks.add(fk);
        }
        return new DatabaseSchema(s.dbId(), tables, fks);
    }

    private static Set<String> lower(Iterable<String> names) {
        Set<String> out = new HashSet<>();
        for (String n : names) out.add(lc(n));
        return out;
    }

    private static String lc(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
