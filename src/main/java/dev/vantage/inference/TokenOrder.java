package dev.vantage.inference;

/**
 * Token ids in descending logit order (ties: lower id first), produced lazily: a binary max-heap
 * built in O(V), then O(log V) per id taken. Constrained decoding usually needs only the first few,
 * so a full sort of the vocabulary would be wasted. Reused from step to step (no allocation).
 */
final class TokenOrder {
    private final int[] heap;
    private float[] logits;
    private int size;

    TokenOrder(int vocab) { heap = new int[vocab]; }

    void reset(float[] logits) {
        this.logits = logits;
        size = heap.length;
        for (int i = 0; i < size; i++) heap[i] = i;
        for (int i = size / 2 - 1; i >= 0; i--) down(i);
    }

    boolean hasNext() { return size > 0; }

    int next() {
        int top = heap[0];
        heap[0] = heap[--size];
        if (size > 0) down(0);
        return top;
    }

    private boolean before(int a, int b) {
        float la = logits[a], lb = logits[b];
        return la > lb || (la == lb && a < b);
    }

    private void down(int i) {
        int x = heap[i];
        while (true) {
            int c = 2 * i + 1;
            if (c >= size) break;
            if (c + 1 < size && before(heap[c + 1], heap[c])) c++;
            if (!before(heap[c], x)) break;
            heap[i] = heap[c];
            i = c;
        }
        heap[i] = x;
    }
}
