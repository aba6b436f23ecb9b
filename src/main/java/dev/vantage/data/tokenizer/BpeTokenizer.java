package dev.vantage.data.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A byte-level BPE tokenizer in the shape of Hugging Face's (ByteLevel pre-tokenizer and decoder,
 * BPE model with vocab and ranked merges, added special tokens). Encoding splits out special tokens
 * first (matched whole), pre-tokenizes the rest with GPT-2's regex, and applies merges to each piece
 * by rank, lowest first, with a priority queue; pieces seen before come from a cache.
 * {@code decode(encode(s)).equals(s)} for every valid UTF-16 string.
 */
public final class BpeTokenizer {
    private static final int CACHE_LIMIT = 200_000;

    private final List<String> vocab;                 // id -> token
    private final Map<String, Integer> ids;          // token -> id
    private final List<String[]> merges;             // rank -> pair
    private final List<String> specials;             // added special tokens (content), any order
    private final Map<String, Integer> specialIds = new HashMap<>();
    private final int[] charToId = new int[512];
    private final Map<Long, long[]> mergeByPair = new HashMap<>(); // (left<<32|right) -> {rank, merged id}
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();
    private final char[] specialFirstChars;

    /**
     * @param vocab    tokens by id; must contain every byte-level character and every merge result
     * @param merges   pairs by rank
     * @param specials special tokens (each must be in the vocab)
     */
    public BpeTokenizer(List<String> vocab, List<String[]> merges, List<String> specials) {
        this.vocab = List.copyOf(vocab);
        this.merges = List.copyOf(merges);
        this.specials = List.copyOf(specials);
        this.ids = new HashMap<>(vocab.size() * 2);
        for (int i = 0; i < vocab.size(); i++) {
            if (ids.put(vocab.get(i), i) != null) throw new IllegalArgumentException("token '" + vocab.get(i) + "' twice in the vocab");
        }
        Arrays.fill(charToId, -1);
        for (int b = 0; b < 256; b++) {
            char c = ByteLevel.charOf(b);
            Integer id = ids.get(String.valueOf(c));
            if (id == null) throw new IllegalArgumentException("vocab lacks the byte-level character for byte " + b);
            charToId[c] = id;
        }
        for (int r = 0; r < merges.size(); r++) {
            String[] p = merges.get(r);
            Integer a = ids.get(p[0]), b = ids.get(p[1]), m = ids.get(p[0] + p[1]);
            if (a == null || b == null || m == null) {
                throw new IllegalArgumentException("merge " + r + " (" + p[0] + " " + p[1] + ") uses a token not in the vocab");
            }
            mergeByPair.putIfAbsent(key(a, b), new long[] {r, m});
        }
        StringBuilder first = new StringBuilder();
        for (String s : specials) {
            Integer id = ids.get(s);
            if (id == null) throw new IllegalArgumentException("special token " + s + " is not in the vocab");
            if (s.isEmpty()) throw new IllegalArgumentException("empty special token");
            specialIds.put(s, id);
            if (first.indexOf(s.substring(0, 1)) < 0) first.append(s.charAt(0));
        }
        specialFirstChars = first.toString().toCharArray();
    }

    private static long key(int a, int b) { return ((long) a << 32) | (b & 0xFFFFFFFFL); }

    public int vocabSize() { return vocab.size(); }
    public List<String> vocab() { return vocab; }
    public List<String[]> merges() { return Collections.unmodifiableList(merges); }
    public List<String> specialTokens() { return specials; }
    public String token(int id) { return vocab.get(id); }

    /** The id of a token (e.g. a special token), or -1. */
    public int id(String token) { return ids.getOrDefault(token, -1); }

    public int[] encode(String text) {
        IntList out = new IntList(text.length() / 3 + 4);
        encode(text, out);
        return out.toArray();
    }

    /** Appends the ids of {@code text} to {@code out}. */
    public void encode(String text, IntList out) { encode(text, out, false); }

    /**
     * As {@link #encode(String, IntList)}; with {@code trimAroundSpecials}, whitespace next to a
     * special token is dropped (as Hugging Face's lstrip/rstrip added-token options do), which saves
     * a lone space token before every marker of a serialized schema. That text then no longer
     * decodes to the exact input, so it is meant for model inputs such as the schema only.
     */
    public void encode(String text, IntList out, boolean trimAroundSpecials) {
        int pos = 0, n = text.length();
        while (pos < n) {
            int special = -1, specialStart = n;
            String found = null;
            for (int i = nextCandidate(text, pos); i >= 0 && i < n; i = nextCandidate(text, i + 1)) {
                found = specialAt(text, i);
                if (found != null) { specialStart = i; special = specialIds.get(found); break; }
            }
            int end = specialStart;
            if (trimAroundSpecials) {
                if (found != null) while (end > pos && Character.isWhitespace(text.charAt(end - 1))) end--;
                if (pos > 0) while (pos < end && Character.isWhitespace(text.charAt(pos))) pos++;
            }
            if (pos < end) PreTokenizer.split(text, pos, end, (s, e) -> encodePiece(text.substring(s, e), out));
            if (found == null) return;
            out.add(special);
            pos = specialStart + found.length();
        }
    }

    private int nextCandidate(String text, int from) {
        int best = -1;
        for (char c : specialFirstChars) {
            int i = text.indexOf(c, from);
            if (i >= 0 && (best < 0 || i < best)) best = i;
        }
        return best;
    }

    /** The longest special token starting at i, or null. */
    private String specialAt(String text, int i) {
        String best = null;
        for (String s : specials) if (text.startsWith(s, i) && (best == null || s.length() > best.length())) best = s;
        return best;
    }

    private void encodePiece(String piece, IntList out) {
        int[] cached = cache.get(piece);
        if (cached == null) {
            cached = bpe(ByteLevel.encode(piece));
            if (cache.size() >= CACHE_LIMIT) cache.clear();
            cache.put(piece, cached);
        }
        out.addAll(cached);
    }

    /** Applies the merges to one byte-level word, lowest rank first. */
    int[] bpe(String word) {
        int n = word.length();
        int[] sym = new int[n], next = new int[n], prev = new int[n];
        for (int i = 0; i < n; i++) {
            sym[i] = charToId[word.charAt(i)];
            next[i] = i + 1 < n ? i + 1 : -1;
            prev[i] = i - 1;
        }
        if (n == 1) return sym;
        // queue entries: rank in the high bits, position in the low bits; stale ones are skipped
        PriorityQueue<Long> queue = new PriorityQueue<>();
        for (int i = 0; i + 1 < n; i++) offer(queue, sym, i, i + 1);
        int alive = n;
        while (!queue.isEmpty()) {
            long e = queue.poll();
            int pos = (int) (e & 0xFFFFFFFFL), rank = (int) (e >>> 32);
            int right = next[pos];
            if (sym[pos] < 0 || right < 0) continue;
            long[] m = mergeByPair.get(key(sym[pos], sym[right]));
            if (m == null || m[0] != rank) continue;
            sym[pos] = (int) m[1];
            sym[right] = -1;
            next[pos] = next[right];
            if (next[right] >= 0) prev[next[right]] = pos;
            alive--;
            if (prev[pos] >= 0) offer(queue, sym, prev[pos], pos);
            if (next[pos] >= 0) offer(queue, sym, pos, next[pos]);
        }
        int[] out = new int[alive];
        for (int i = 0, k = 0; i >= 0; i = next[i]) out[k++] = sym[i];
        return out;
    }

    private void offer(PriorityQueue<Long> queue, int[] sym, int left, int right) {
        long[] m = mergeByPair.get(key(sym[left], sym[right]));
        if (m != null) queue.add((m[0] << 32) | left);
    }

    public String decode(int[] tokenIds) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(tokenIds.length * 4);
        for (int id : tokenIds) {
            if (id < 0 || id >= vocab.size()) throw new IllegalArgumentException("token id " + id + " outside the vocab (size " + vocab.size() + ")");
            String t = vocab.get(id);
            if (specialIds.containsKey(t)) {
                bytes.writeBytes(t.getBytes(StandardCharsets.UTF_8));
                continue;
            }
            for (int i = 0; i < t.length(); i++) {
                int b = ByteLevel.byteOf(t.charAt(i));
                if (b < 0) throw new IllegalStateException("token " + id + " has a character outside the byte-level alphabet");
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The tokens of a text, for debugging. */
    public List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        for (int id : encode(text)) out.add(vocab.get(id));
        return out;
    }
}
