package dev.vantage.evaluation.spider;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether two query results denote the same answer, with the test-suite semantics (Zhong et al. 2020,
 * exec_eval.result_eq): rows compared as bags (as lists when the gold query orders them), columns
 * matched up to some permutation. The official code samples 20 random rows to prune column
 * permutations; pruning with every row gives the same verdict (a pruned mapping can never match) and is
 * deterministic.
 */
public final class ResultEquivalence {
    private ResultEquivalence() {
    }

    public static boolean equivalent(List<List<PyValue>> gold, List<List<PyValue>> pred, boolean orderMatters) {
        if (gold.isEmpty() && pred.isEmpty()) {
            return true;
        }
        if (gold.size() != pred.size()) {
            return false;
        }
        int width = gold.getFirst().size();
        if (pred.getFirst().size() != width) {
            return false;
        }
        if (!quickCheck(gold, pred, orderMatters)) {
            return false;
        }
        List<Set<PyValue>> goldColumns = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            Set<PyValue> values = new HashSet<>();
            for (List<PyValue> row : gold) {
                values.add(row.get(c));
            }
            goldColumns.add(values);
        }
        List<List<Integer>> candidates = candidateColumns(goldColumns, pred, width);
        return searchPermutation(candidates, new int[width], new boolean[width], 0, gold, pred, orderMatters);
    }

    /** Each row's cells sorted by Python's str-plus-type key, then compared as lists or as sets. */
    private static boolean quickCheck(List<List<PyValue>> gold, List<List<PyValue>> pred, boolean orderMatters) {
        List<List<PyValue>> a = gold.stream().map(ResultEquivalence::unorder).toList();
        List<List<PyValue>> b = pred.stream().map(ResultEquivalence::unorder).toList();
        return orderMatters ? a.equals(b) : new HashSet<>(a).equals(new HashSet<>(b));
    }

    private static List<PyValue> unorder(List<PyValue> row) {
        List<PyValue> sorted = new ArrayList<>(row);
        sorted.sort(Comparator.comparing(PyValue::sortKey, PyValue::compareKeys));
        return sorted;
    }

    /** For each gold column, the prediction columns whose every value occurs in it. */
    private static List<List<Integer>> candidateColumns(List<Set<PyValue>> goldColumns, List<List<PyValue>> pred, int width) {
        List<List<Integer>> candidates = new ArrayList<>();
        for (int g = 0; g < width; g++) {
            List<Integer> possible = new ArrayList<>();
            for (int p = 0; p < width; p++) {
                boolean fits = true;
                if (width > 3) { // the official code prunes only beyond three columns; below, all are tried
                    for (List<PyValue> row : pred) {
                        if (!goldColumns.get(g).contains(row.get(p))) {
                            fits = false;
                            break;
                        }
                    }
                }
                if (fits) {
                    possible.add(p);
                }
            }
            candidates.add(possible);
        }
        return candidates;
    }

    private static boolean searchPermutation(List<List<Integer>> candidates, int[] perm, boolean[] used, int column,
                                             List<List<PyValue>> gold, List<List<PyValue>> pred, boolean orderMatters) {
        if (column == perm.length) {
            return matches(gold, permute(pred, perm), orderMatters);
        }
        for (int p : candidates.get(column)) {
            if (!used[p]) {
                used[p] = true;
                perm[column] = p;
                if (searchPermutation(candidates, perm, used, column + 1, gold, pred, orderMatters)) {
                    return true;
                }
                used[p] = false;
            }
        }
        return false;
    }

    private static List<List<PyValue>> permute(List<List<PyValue>> rows, int[] perm) {
        List<List<PyValue>> out = new ArrayList<>(rows.size());
        for (List<PyValue> row : rows) {
            List<PyValue> moved = new ArrayList<>(perm.length);
            for (int p : perm) {
                moved.add(row.get(p));
            }
            out.add(moved);
        }
        return out;
    }

    private static boolean matches(List<List<PyValue>> gold, List<List<PyValue>> pred, boolean orderMatters) {
        if (orderMatters) {
            return gold.equals(pred);
        }
        return new HashSet<>(gold).equals(new HashSet<>(pred)) && sameBag(gold, pred);
    }

    private static boolean sameBag(List<List<PyValue>> a, List<List<PyValue>> b) {
        if (a.size() != b.size()) {
            return false;
        }
        Map<List<PyValue>, Integer> counts = new HashMap<>();
        for (List<PyValue> row : a) {
            counts.merge(row, 1, Integer::sum);
        }
        for (List<PyValue> row : b) {
            int left = counts.getOrDefault(row, 0) - 1;
            if (left < 0) {
                return false;
            }
            counts.put(row, left);
        }
        return true;
    }
}
