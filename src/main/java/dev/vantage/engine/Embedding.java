package dev.vantage.engine;

/** Row gather (forward) and scatter-add (backward) of an embedding table [V, d]. */
public final class Embedding {
    private Embedding() {}

    public static void gather(float[] table, int[] ids, float[] out, int n, int d, int vocab) {
        for (int t = 0; t < n; t++) {
            checkId(ids[t], t, vocab);
            System.arraycopy(table, ids[t] * d, out, t * d, d);
        }
    }

    /** Refuses a token id outside the vocabulary, naming its position. */
    public static void checkId(int id, int position, int vocab) {
        if (id < 0 || id >= vocab) throw new IllegalArgumentException("token id " + id + " at position " + position + " outside vocabulary [0, " + vocab + ")");
    }

    public static void scatterAdd(float[] dTable, int[] ids, float[] dOut, int n, int d) {
        for (int t = 0; t < n; t++) MatMul.axpy(1f, dOut, t * d, dTable, ids[t] * d, d);
    }
}
