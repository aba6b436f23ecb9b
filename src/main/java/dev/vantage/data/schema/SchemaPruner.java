package dev.vantage.data.schema;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Fits a serialized schema into a token budget by dropping whole tables, never cutting one in the
 * middle. Tables the question mentions go first (highest {@link SchemaLinks#tableScore} first), each
 * with the tables on the shortest foreign-key path that joins it to those already kept; then
 * unmentioned tables next to kept ones, then the rest, in schema order, while they fit. Only when
 * the best table alone is over the budget are columns dropped from it: keys and mentioned columns
 * stay longest. Deterministic; the output keeps the schema's order. Tables whose names differ only
 * in case count as one for joins (SQLite treats them as one).
 */
public final class SchemaPruner {
    private SchemaPruner() {}

    /**
     * @param tokenCount the model's token count of a text (a schema's count is the sum of its
     *                   tables' counts, see {@link SchemaSerializer#table})
     */
    public static PrunedSchema prune(DatabaseSchema schema, SerializationOptions opts, SchemaLinks links, int budget,
                                     ToIntFunction<String> tokenCount) {
        String whole = SchemaSerializer.serialize(schema, opts, links);
        int wholeCount = tokenCount.applyAsInt(whole);
        if (wholeCount <= budget) return new PrunedSchema(schema, whole, wholeCount, List.of(), List.of()); // most schemas
        List<Table> tables = schema.tables();
        int n = tables.size();
        int[] cost = new int[n];
        for (int i = 0; i < n; i++) cost[i] = tokenCount.applyAsInt(SchemaSerializer.table(schema, tables.get(i), opts, links));
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) index.put(lower(tables.get(i).name()), i);
        double[] score = new double[n];
        for (int i = 0; i < n; i++) score[i] = links.tableScore(tables.get(i));
        List<Integer> ranked = new ArrayList<>();
        for (int i = 0; i < n; i++) ranked.add(i);
        ranked.sort(Comparator.<Integer>comparingDouble(i -> -score[i]).thenComparingInt(i -> i));

        int[][] adjacent = adjacency(schema, index);
        Set<Integer> kept = new LinkedHashSet<>();
        Map<Integer, String> reasons = new HashMap<>();
        Table shrunk = null;
        int shrunkIndex = -1;
        List<String> droppedColumns = new ArrayList<>();
        int used = 0;
        for (int i : ranked) {
            if (score[i] <= 0) break;
            if (kept.contains(i)) continue;
            if (kept.isEmpty() && cost[i] > budget) { // the best table alone is too big: keep what fits of it
                shrunk = shrink(schema, tables.get(i), opts, links, budget, tokenCount, droppedColumns);
                shrunkIndex = i;
                kept.add(i);
                used += tokenCount.applyAsInt(SchemaSerializer.table(schema, shrunk, opts, links));
                continue;
            }
            List<Integer> withPath = joinPath(adjacent, kept, i);
            int need = withPath.stream().mapToInt(j -> cost[j]).sum();
            if (used + need <= budget) {
                kept.addAll(withPath);
                used += need;
            } else if (used + cost[i] <= budget) {
                kept.add(i);
                used += cost[i];
            } else {
                reasons.put(i, String.format(Locale.ROOT, "mentioned (score %.2f) but needs %d tokens, %d left", score[i], cost[i], budget - used));
            }
        }
        // unmentioned tables: neighbours of kept ones first (likely join partners), then the rest
        Set<Integer> near = new HashSet<>();
        for (int k : kept) for (int j : adjacent[k]) near.add(j);
        List<Integer> rest = new ArrayList<>();
        for (int i = 0; i < n; i++) if (!kept.contains(i) && score[i] <= 0) rest.add(i);
        rest.sort(Comparator.<Integer>comparingInt(i -> near.contains(i) ? 0 : 1).thenComparingInt(i -> i));
        for (int i : rest) {
            if (used + cost[i] <= budget) {
                kept.add(i);
                used += cost[i];
            } else {
                reasons.put(i, String.format(Locale.ROOT, "not mentioned; needs %d tokens, %d left", cost[i], budget - used));
            }
        }

        List<Table> keptTables = new ArrayList<>();
        List<PrunedSchema.DroppedTable> dropped = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Table t = tables.get(i);
            if (kept.contains(i)) keptTables.add(shrunk != null && i == shrunkIndex ? shrunk : t);
            else dropped.add(new PrunedSchema.DroppedTable(t.name(), score[i], reasons.getOrDefault(i, "no room")));
        }
        DatabaseSchema pruned = new DatabaseSchema(schema.dbId(), keptTables, keysAmong(schema.foreignKeys(), keptTables));
        String text = SchemaSerializer.serialize(pruned, opts, links);
        return new PrunedSchema(pruned, text, tokenCount.applyAsInt(text), dropped, droppedColumns);
    }

    /**
     * Tables joined by foreign keys, both ways, neighbours in key order (self-references and keys to
     * unknown tables ignored), as {@link JoinGraph} sees them; arrays because 1,000-table schemas
     * run one search per mentioned table.
     */
    private static int[][] adjacency(DatabaseSchema schema, Map<String, Integer> index) {
        List<Set<Integer>> adj = new ArrayList<>();
        for (int i = 0; i < schema.tables().size(); i++) adj.add(new LinkedHashSet<>());
        for (ForeignKey fk : schema.foreignKeys()) {
            Integer a = index.get(lower(fk.fromTable())), b = index.get(lower(fk.toTable()));
            if (a == null || b == null || a.equals(b)) continue;
            adj.get(a).add(b);
            adj.get(b).add(a);
        }
        int[][] out = new int[adj.size()][];
        for (int i = 0; i < out.length; i++) out[i] = adj.get(i).stream().mapToInt(Integer::intValue).toArray();
        return out;
    }

    /** Table {@code target} and the tables between it and the nearest kept table (breadth-first from all kept). */
    private static List<Integer> joinPath(int[][] adjacent, Set<Integer> kept, int target) {
        if (kept.isEmpty()) return List.of(target);
        int[] cameFrom = new int[adjacent.length];
        java.util.Arrays.fill(cameFrom, -2);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int k : kept) {
            cameFrom[k] = -1;
            queue.add(k);
        }
        while (!queue.isEmpty() && cameFrom[target] == -2) {
            int cur = queue.poll();
            for (int j : adjacent[cur]) {
                if (cameFrom[j] != -2) continue;
                cameFrom[j] = cur;
                queue.add(j);
            }
        }
        if (cameFrom[target] == -2) return List.of(target);
        List<Integer> path = new ArrayList<>();
        for (int cur = target; cur >= 0 && !kept.contains(cur); cur = cameFrom[cur]) path.add(cur);
        return path;
    }

    /** The columns of a table too big for the budget that fit: keys and mentioned columns first. */
    private static Table shrink(DatabaseSchema schema, Table t, SerializationOptions opts, SchemaLinks links, int budget,
                                ToIntFunction<String> tokenCount, List<String> droppedColumns) {
        List<Column> cols = t.columns();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) order.add(i);
        order.sort(Comparator.<Integer>comparingDouble(i -> -columnRank(schema, t, cols.get(i), links)).thenComparingInt(i -> i));
        int used = tokenCount.applyAsInt(SchemaSerializer.table(schema, t.withColumns(List.of()), opts, links));
        Set<Integer> keep = new HashSet<>();
        for (int i : order) {
            int c = tokenCount.applyAsInt(SchemaSerializer.table(schema, t.withColumns(List.of(cols.get(i))), opts, links))
                    - tokenCount.applyAsInt(SchemaSerializer.table(schema, t.withColumns(List.of()), opts, links));
            if (used + c <= budget) {
                keep.add(i);
                used += c;
            }
        }
        List<Column> kept = new ArrayList<>();
        for (int i = 0; i < cols.size(); i++) {
            if (keep.contains(i)) kept.add(cols.get(i));
            else droppedColumns.add(t.name() + "." + cols.get(i).name());
        }
        return t.withColumns(kept);
    }

    /** Mentioned columns first (by score), then keys, then the rest. */
    private static double columnRank(DatabaseSchema schema, Table t, Column c, SchemaLinks links) {
        boolean key = c.primaryKey() || !schema.foreignKeysFrom(t.name(), c.name()).isEmpty()
                || schema.foreignKeys().stream().anyMatch(fk -> fk.toTable().equalsIgnoreCase(t.name()) && fk.toColumn().equalsIgnoreCase(c.name()));
        return 2 * links.columnScore(t.name(), c.name()) + (key ? 1 : 0);
    }

    private static List<ForeignKey> keysAmong(List<ForeignKey> fks, List<Table> kept) {
        Map<String, Table> byName = new HashMap<>();
        for (Table t : kept) byName.put(lower(t.name()), t);
        List<ForeignKey> out = new ArrayList<>();
        for (ForeignKey fk : fks) {
            Table from = byName.get(lower(fk.fromTable())), to = byName.get(lower(fk.toTable()));
            if (from != null && to != null && from.column(fk.fromColumn()).isPresent() && to.column(fk.toColumn()).isPresent()) out.add(fk);
        }
        return out;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
