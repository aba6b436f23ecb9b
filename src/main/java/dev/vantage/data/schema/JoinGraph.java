package dev.vantage.data.schema;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Tables as nodes, foreign keys as undirected edges: which tables can be joined, and along which
 * keys. Table names are matched ignoring case; ties between equally short paths go to the keys
 * that come first in the schema, so answers are deterministic.
 */
public final class JoinGraph {
    private record Edge(String to, ForeignKey fk) {}

    private final Map<String, String> names = new LinkedHashMap<>(); // lowercase → spelling
    private final Map<String, List<Edge>> edges = new HashMap<>();

    private JoinGraph() {}

    public static JoinGraph of(DatabaseSchema s) {
        JoinGraph g = new JoinGraph();
        for (Table t : s.tables()) {
            g.names.put(lower(t.name()), t.name());
            g.edges.put(lower(t.name()), new ArrayList<>());
        }
        for (ForeignKey fk : s.foreignKeys()) {
            String a = lower(fk.fromTable()), b = lower(fk.toTable());
            if (a.equals(b) || !g.edges.containsKey(a) || !g.edges.containsKey(b)) continue; // self-references never join two tables
            g.edges.get(a).add(new Edge(b, fk));
            g.edges.get(b).add(new Edge(a, fk));
        }
        return g;
    }

    /**
     * The foreign keys of a shortest join path, in order from {@code fromTable} to {@code toTable}
     * (each key as declared, whichever way it points). Empty when both are the same table or when
     * no path exists ({@link #connected} tells them apart).
     */
    public List<ForeignKey> path(String fromTable, String toTable) {
        String from = node(fromTable), to = node(toTable);
        if (from.equals(to)) return List.of();
        Map<String, Edge> cameBy = new HashMap<>();
        ArrayDeque<String> queue = new ArrayDeque<>();
        queue.add(from);
        cameBy.put(from, null);
        while (!queue.isEmpty()) {
            String cur = queue.poll();
            if (cur.equals(to)) break;
            for (Edge e : edges.get(cur)) {
                if (cameBy.containsKey(e.to)) continue;
                cameBy.put(e.to, new Edge(cur, e.fk)); // remember the predecessor
                queue.add(e.to);
            }
        }
        if (!cameBy.containsKey(to)) return List.of();
        List<ForeignKey> path = new ArrayList<>();
        for (String cur = to; !cur.equals(from); cur = cameBy.get(cur).to) path.addFirst(cameBy.get(cur).fk);
        return path;
    }

    public boolean connected(String a, String b) {
        return node(a).equals(node(b)) || !path(a, b).isEmpty();
    }

    /** Tables one foreign key away, in schema order, without repeats. */
    public List<String> neighbors(String table) {
        Set<String> out = new LinkedHashSet<>();
        for (Edge e : edges.get(node(table))) out.add(names.get(e.to));
        return List.copyOf(out);
    }

    /**
     * Foreign keys that join all the given tables (through intermediate tables when needed), grown
     * greedily from the first table by shortest paths: a small, not always minimal, join tree.
     * Tables that cannot be reached are left out of the tree.
     */
    public List<ForeignKey> joinTree(Collection<String> tables) {
        List<String> wanted = new ArrayList<>();
        for (String t : tables) if (!wanted.contains(node(t))) wanted.add(node(t));
        if (wanted.size() < 2) return List.of();
        Set<String> inTree = new LinkedHashSet<>(List.of(wanted.getFirst()));
        List<ForeignKey> tree = new ArrayList<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            List<ForeignKey> best = null;
            for (String w : wanted) {
                if (inTree.contains(w)) continue;
                for (String t : inTree) {
                    List<ForeignKey> p = path(t, w);
                    if (!p.isEmpty() && (best == null || p.size() < best.size())) best = p;
                }
            }
            if (best != null) {
                for (ForeignKey fk : best) {
                    if (!tree.contains(fk)) tree.add(fk);
                    inTree.add(lower(fk.fromTable()));
                    inTree.add(lower(fk.toTable()));
                }
                grew = true;
            }
        }
        return tree;
    }

    public Set<String> tables() {
        return Set.copyOf(names.values());
    }

    private String node(String table) {
        String k = lower(table);
        if (!names.containsKey(k)) throw new IllegalArgumentException("no table '" + table + "' in the join graph (tables: " + names.values() + ")");
        return k;
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
