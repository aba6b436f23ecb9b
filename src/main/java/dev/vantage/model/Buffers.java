package dev.vantage.model;

import java.util.Arrays;

/**
 * Activation buffers reused from step to step: a training step of bench-tiny otherwise allocates
 * about 1 GB, and zeroing it plus the collector's copying of live activations cost more than the
 * layers' arithmetic outside the matmuls. Buffers may be longer than asked for; every user passes
 * explicit lengths.
 */
final class Buffers {
    private Buffers() {}

    /** a if it holds n floats, else a new array; contents unspecified (callers overwrite). */
    static float[] grow(float[] a, int n) { return a != null && a.length >= n ? a : new float[n]; }

    /** grow, then the first n entries zeroed (for buffers that are accumulated into). */
    static float[] zeroed(float[] a, int n) {
        a = grow(a, n);
        Arrays.fill(a, 0, n, 0f);
        return a;
    }

    /** grow, then the first n entries of src copied in. */
    static float[] copy(float[] src, float[] a, int n) {
        a = grow(a, n);
        System.arraycopy(src, 0, a, 0, n);
        return a;
    }

    static int[] grow(int[] a, int n) { return a != null && a.length >= n ? a : new int[n]; }

    static boolean[] grow(boolean[] a, int n) { return a != null && a.length >= n ? a : new boolean[n]; }
}
