package dev.vantage.data.tokenizer;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Learns byte-level BPE merges from a corpus. Words (pre-tokenized pieces) are counted once; pair
 * counts are kept incrementally: a merge re-counts only the words that contain the merged pair,
 * found through a pair-to-words index, and the best pair comes from a priority queue whose stale
 * entries are skipped. Ties go to the lexicographically smaller pair, so training is deterministic.
 * The vocab is: special tokens (fixed ids), the 256 byte-level characters, then one token per merge.
 */
public final class BpeTrainer {
    private final int vocabSize;
    private final int minFrequency;
    private final List<String> specials;
    private boolean progress = true;

    public BpeTrainer(int vocabSize) { this(vocabSize, 2, SpecialTokens.ALL); }

    public BpeTrainer(int vocabSize, int minFrequency, List<String> specials) {
        if (vocabSize < specials.size() + 256) {
            throw new IllegalArgumentException("vocab size " + vocabSize + " is below the " + (specials.size() + 256)
                    + " of special tokens and bytes");
        }
        this.vocabSize = vocabSize;
        this.minFrequency = minFrequency;
        this.specials = List.copyOf(specials);
    }

    public BpeTrainer quiet() { progress = false; return this; }

    /** Counts the byte-level pieces of the texts (special tokens in the texts are not learned from). */
    public static Map<String, Integer> countWords(Iterable<String> texts, List<String> specials) {
        Map<String, Integer> counts = new HashMap<>();
        for (String text : texts) {
            for (String part : splitOnSpecials(text, specials)) {
                PreTokenizer.split(part, 0, part.length(), (s, e) -> counts.merge(ByteLevel.encode(part.substring(s, e)), 1, Integer::sum));
            }
        }
        return counts;
    }

    private static List<String> splitOnSpecials(String text, List<String> specials) {
        List<String> parts = new ArrayList<>();
        int pos = 0;
        outer:
        for (int i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i + 1)) {
            for (String s : specials) {
                if (text.startsWith(s, i)) {
                    if (i > pos) parts.add(text.substring(pos, i));
                    pos = i + s.length();
                    i = pos - 1;
                    continue outer;
                }
            }
        }
        if (pos < text.length()) parts.add(text.substring(pos));
        return parts;
    }

    public BpeTokenizer train(Iterable<String> texts) {
        return trainOnCounts(countWords(texts, specials));
    }

    public BpeTokenizer trainOnCounts(Map<String, Integer> wordCounts) {
        List<String> vocab = new ArrayList<>(specials);
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < vocab.size(); i++) ids.put(vocab.get(i), i);
        for (int b = 0; b < 256; b++) {
            String c = String.valueOf(ByteLevel.charOf(b));
            ids.put(c, vocab.size());
            vocab.add(c);
        }
        // words as symbol arrays, in a fixed order so training is deterministic
        List<String> words = new ArrayList<>(wordCounts.keySet());
        words.sort(null);
        int[][] symbols = new int[words.size()][];
        int[] counts = new int[words.size()];
        Map<Long, Long> pairCounts = new HashMap<>();
        Map<Long, Set<Integer>> where = new HashMap<>();
        for (int w = 0; w < words.size(); w++) {
            String word = words.get(w);
            counts[w] = wordCounts.get(word);
            int[] s = new int[word.length()];
            for (int i = 0; i < s.length; i++) s[i] = ids.get(String.valueOf(word.charAt(i)));
            symbols[w] = s;
            for (int i = 0; i + 1 < s.length; i++) {
                long p = pair(s[i], s[i + 1]);
                pairCounts.merge(p, (long) counts[w], Long::sum);
                where.computeIfAbsent(p, k -> new HashSet<>()).add(w);
            }
        }
        PriorityQueue<long[]> queue = new PriorityQueue<>((x, y) -> {
            if (x[1] != y[1]) return Long.compare(y[1], x[1]);
            return comparePairs(vocab, x[0], y[0]);
        });
        pairCounts.forEach((p, c) -> queue.add(new long[] {p, c}));

        List<String[]> merges = new ArrayList<>();
        int target = vocabSize - vocab.size();
        try (ProgressBar bar = progress ? new ProgressBarBuilder().setTaskName("BPE merges").setInitialMax(target)
                .setStyle(ProgressBarStyle.ASCII).continuousUpdate().build() : null) {
            while (merges.size() < target && !queue.isEmpty()) {
                long[] top = queue.poll();
                long current = pairCounts.getOrDefault(top[0], 0L);
                if (current != top[1]) {               // stale entry: requeue with the true count
                    if (current > 0) queue.add(new long[] {top[0], current});
                    continue;
                }
                if (current < minFrequency) break;
                int a = (int) (top[0] >>> 32), b = (int) top[0];
                String merged = vocab.get(a) + vocab.get(b);
                int newId = vocab.size();
                vocab.add(merged);
                merges.add(new String[] {vocab.get(a), vocab.get(b)});
                Set<Long> touched = new HashSet<>();
                for (int w : where.remove(top[0])) {
                    int[] s = symbols[w];
                    if (!contains(s, a, b)) continue;
                    for (int i = 0; i + 1 < s.length; i++) addPair(pairCounts, touched, pair(s[i], s[i + 1]), -counts[w]);
                    s = mergeWord(s, a, b, newId);
                    symbols[w] = s;
                    for (int i = 0; i + 1 < s.length; i++) {
                        long p = pair(s[i], s[i + 1]);
                        addPair(pairCounts, touched, p, counts[w]);
                        where.computeIfAbsent(p, k -> new HashSet<>()).add(w);
                    }
                }
                pairCounts.remove(top[0]);
                for (long p : touched) {
                    long c = pairCounts.getOrDefault(p, 0L);
                    if (c > 0) queue.add(new long[] {p, c});
                }
                if (bar != null) bar.step();
            }
        }
        return new BpeTokenizer(vocab, merges, specials);
    }

    private static void addPair(Map<Long, Long> counts, Set<Long> touched, long p, long delta) {
        long c = counts.getOrDefault(p, 0L) + delta;
        if (c <= 0) counts.remove(p); else counts.put(p, c);
        touched.add(p);
    }

    private static long pair(int a, int b) { return ((long) a << 32) | (b & 0xFFFFFFFFL); }

    private static int comparePairs(List<String> vocab, long x, long y) {
        int c = vocab.get((int) (x >>> 32)).compareTo(vocab.get((int) (y >>> 32)));
        return c != 0 ? c : vocab.get((int) x).compareTo(vocab.get((int) y));
    }

    private static boolean contains(int[] s, int a, int b) {
        for (int i = 0; i + 1 < s.length; i++) if (s[i] == a && s[i + 1] == b) return true;
        return false;
    }

    private static int[] mergeWord(int[] s, int a, int b, int merged) {
        int[] out = new int[s.length];
        int n = 0;
        for (int i = 0; i < s.length; i++) {
            if (i + 1 < s.length && s[i] == a && s[i + 1] == b) { out[n++] = merged; i++; }
            else out[n++] = s[i];
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
