package dev.vantage.data.tokenizer;

import java.util.Arrays;

/** A growable int array (token ids without boxing). */
public final class IntList {
    private int[] a;
    private int n;

    public IntList() { this(16); }
    public IntList(int capacity) { a = new int[Math.max(1, capacity)]; }

    public void add(int v) {
        if (n == a.length) a = Arrays.copyOf(a, a.length * 2);
        a[n++] = v;
    }

    public void addAll(int[] vs) {
        if (n + vs.length > a.length) a = Arrays.copyOf(a, Math.max(a.length * 2, n + vs.length));
        System.arraycopy(vs, 0, a, n, vs.length);
        n += vs.length;
    }

    public int get(int i) { return a[i]; }
    public int size() { return n; }
    public void clear() { n = 0; }
    public int[] toArray() { return Arrays.copyOf(a, n); }
}
