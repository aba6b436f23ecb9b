package dev.vantage.inference.constraint;

import dev.vantage.inference.ConstraintState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The set of vocabulary tokens a {@link ConstraintState} allows, computed by walking a trie of the
 * tokens' texts one character at a time: a rejected prefix prunes every token below it, and tokens
 * sharing a prefix share its advances. Works with any {@link ConstraintState}; immutable after
 * construction and safe to use from several threads.
 */
public final class VocabMask {
    private static final String[] ONE_CHAR = new String[128];

    static {
        for (int c = 0; c < 128; c++) ONE_CHAR[c] = String.valueOf((char) c);
    }

    /** Trie node: children by character (sorted), and the token ids ending here. */
    private static final class Node {
        char[] chars = new char[0];
        Node[] kids = new Node[0];
        int[] ids = new int[0];

        Node child(char c, boolean create) {
            int i = Arrays.binarySearch(chars, c);
            if (i >= 0) return kids[i];
            if (!create) return null;
            i = -i - 1;
            char[] nc = new char[chars.length + 1];
            Node[] nk = new Node[kids.length + 1];
            System.arraycopy(chars, 0, nc, 0, i);
            System.arraycopy(kids, 0, nk, 0, i);
            nc[i] = c;
            nk[i] = new Node();
            System.arraycopy(chars, i, nc, i + 1, chars.length - i);
            System.arraycopy(kids, i, nk, i + 1, kids.length - i);
            chars = nc;
            kids = nk;
            return nk[i];
        }
    }

    private final Node root = new Node();
    private final int size;

    /** @param tokenTexts the decoded text of each token id; null (or empty) for tokens never allowed (specials) */
    public VocabMask(List<String> tokenTexts) {
        size = tokenTexts.size();
        for (int id = 0; id < size; id++) {
            String t = tokenTexts.get(id);
            if (t == null || t.isEmpty()) continue;
            Node n = root;
            for (int i = 0; i < t.length(); i++) n = n.child(t.charAt(i), true);
            n.ids = Arrays.copyOf(n.ids, n.ids.length + 1);
            n.ids[n.ids.length - 1] = id;
        }
    }

    public VocabMask(String[] tokenTexts) {
        this(Arrays.asList(tokenTexts));
    }

    public int size() {
        return size;
    }

    /** The ids of the tokens whose text can follow state s (end-of-sequence is the caller's: {@code s.canEnd()}). */
    public BitSet allowed(ConstraintState s) {
        BitSet out = new BitSet(size);
        walk(root, s, out);
        return out;
    }

    private static void walk(Node n, ConstraintState s, BitSet out) {
        for (int id : n.ids) out.set(id);
        for (int i = 0; i < n.chars.length; i++) {
            char c = n.chars[i];
            ConstraintState next = s.advance(c < 128 ? ONE_CHAR[c] : String.valueOf(c));
            if (next != null) walk(n.kids[i], next, out);
        }
    }

    /** Token ids allowed after s, in increasing order (for callers without BitSet). */
    public int[] allowedIds(ConstraintState s) {
        BitSet b = allowed(s);
        List<Integer> ids = new ArrayList<>(b.cardinality());
        for (int i = b.nextSetBit(0); i >= 0; i = b.nextSetBit(i + 1)) ids.add(i);
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }
}
