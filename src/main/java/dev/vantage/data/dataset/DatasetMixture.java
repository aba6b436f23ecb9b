package dev.vantage.data.dataset;

import dev.vantage.data.Example;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Mixes datasets by weight (the config's {@code data.mixture}, default spider 0.4, bird 0.3,
 * wikisql 0.2, gretel 0.1), renormalized over the datasets actually present. The mixture has as
 * many examples as all present datasets together (unless told otherwise); dataset i contributes
 * w_i * total (rounded so the counts sum to the total) of them: a seeded subset when it has more, whole seeded passes plus a partial
 * one when it has fewer (oversampling). The result is shuffled; the same seed gives the same list.
 */
public final class DatasetMixture {
    public static final Map<String, Double> DEFAULT_WEIGHTS = defaults();

    private DatasetMixture() {}

    private static Map<String, Double> defaults() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("spider", 0.4);
        m.put("bird", 0.3);
        m.put("wikisql", 0.2);
        m.put("gretel", 0.1);
        return Collections.unmodifiableMap(m);
    }

    /**
     * The weights of the datasets present, summing to 1. A present dataset the mixture does not name
     * gets no weight; fails when no present dataset has a weight.
     */
    public static Map<String, Double> renormalize(Map<String, Double> weights, Iterable<String> present) {
        Map<String, Double> kept = new LinkedHashMap<>();
        double sum = 0;
        for (String name : present) {
            double w = weights.getOrDefault(name, 0.0);
            if (w > 0) { kept.put(name, w); sum += w; }
        }
        if (sum == 0) throw new IllegalArgumentException("none of the datasets present " + present + " has a weight in data.mixture " + weights);
        for (Map.Entry<String, Double> e : kept.entrySet()) e.setValue(e.getValue() / sum);
        return kept;
    }

    /** How many examples each dataset contributes to a mixture of {@code total} (largest remainders: they sum to total). */
    public static Map<String, Integer> counts(Map<String, Double> normalized, int total) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, Double> remainders = new LinkedHashMap<>();
        int assigned = 0;
        for (var e : normalized.entrySet()) {
            double exact = e.getValue() * total;
            int floor = (int) Math.floor(exact);
            counts.put(e.getKey(), floor);
            remainders.put(e.getKey(), exact - floor);
            assigned += floor;
        }
        List<String> byRemainder = new ArrayList<>(remainders.keySet());
        byRemainder.sort((a, b) -> Double.compare(remainders.get(b), remainders.get(a)));
        for (int i = 0; assigned < total; i++, assigned++) counts.merge(byRemainder.get(i % byRemainder.size()), 1, Integer::sum);
        return counts;
    }

    /** Mixes with the total = all present examples. */
    public static List<Example> mix(Map<String, List<Example>> byDataset, Map<String, Double> weights, long seed) {
        int total = byDataset.values().stream().mapToInt(List::size).sum();
        return mix(byDataset, weights, seed, total);
    }

    public static List<Example> mix(Map<String, List<Example>> byDataset, Map<String, Double> weights, long seed, int total) {
        List<String> present = byDataset.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
        Map<String, Integer> counts = counts(renormalize(weights, present), total);
        List<Example> out = new ArrayList<>(total);
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            List<Example> pool = new ArrayList<>(byDataset.get(e.getKey()));
            Random r = new Random(seed ^ e.getKey().hashCode());
            int need = e.getValue();
            while (need > 0) {
                Collections.shuffle(pool, r);
                int take = Math.min(need, pool.size());
                out.addAll(pool.subList(0, take));
                need -= take;
            }
        }
        Collections.shuffle(out, new Random(seed));
        return out;
    }
}
