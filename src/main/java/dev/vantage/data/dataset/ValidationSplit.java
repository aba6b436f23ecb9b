package dev.vantage.data.dataset;

import dev.vantage.data.Example;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Holds out a seeded fraction of a dataset's training examples for validation, by whole databases,
 * so validation questions are on schemas training never saw (as Spider's dev set is). Databases
 * are drawn in a seeded order until the fraction is reached; the same seed gives the same split.
 */
public final class ValidationSplit {
    public record Split(List<Example> train, List<Example> validation) {}

    private ValidationSplit() {}

    public static Split split(List<Example> examples, double fraction, long seed) {
        if (fraction < 0 || fraction >= 1) throw new IllegalArgumentException("validation_fraction must be in [0, 1), found " + fraction);
        Map<String, List<Example>> byDb = new TreeMap<>();
        for (Example e : examples) byDb.computeIfAbsent(e.dataset() + "\u0000" + e.dbId(), k -> new ArrayList<>()).add(e);
        List<String> keys = new ArrayList<>(byDb.keySet());
        Collections.shuffle(keys, new Random(seed));
        long target = Math.round(fraction * examples.size());
        Map<String, Boolean> held = new LinkedHashMap<>();
        long taken = 0;
        for (String k : keys) {
            if (taken >= target) break;
            held.put(k, true);
            taken += byDb.get(k).size();
        }
        List<Example> train = new ArrayList<>(), validation = new ArrayList<>();
        for (Example e : examples) (held.containsKey(e.dataset() + "\u0000" + e.dbId()) ? validation : train).add(e);
        return new Split(train, validation);
    }
}
