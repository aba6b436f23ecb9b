package dev.vantage.data.preprocess;

/**
 * One training example as token ids: the serialized schema, and the decoder sequence
 * {@code <bos> question [<sep> evidence] <sep> sql <eos>} whose SQL begins at {@code sqlStart}.
 */
public record EncodedExample(int[] schemaIds, int[] inputIds, int sqlStart) {
    public EncodedExample {
        if (sqlStart < 1 || sqlStart >= inputIds.length) {
            throw new IllegalArgumentException("sqlStart " + sqlStart + " outside input of length " + inputIds.length);
        }
    }

    /**
     * 1 at position t when the token predicted there, input_ids[t+1], is SQL or the final
     * {@code <eos>}; 0 elsewhere (and at the last position, which predicts nothing).
     */
    public int[] lossMask() {
        int[] m = new int[inputIds.length];
        for (int t = sqlStart - 1; t + 1 < inputIds.length; t++) m[t] = 1;
        return m;
    }

    @Override public boolean equals(Object o) {
        return o instanceof EncodedExample e && sqlStart == e.sqlStart
                && java.util.Arrays.equals(schemaIds, e.schemaIds) && java.util.Arrays.equals(inputIds, e.inputIds);
    }

    @Override public int hashCode() {
        return 31 * (31 * java.util.Arrays.hashCode(schemaIds) + java.util.Arrays.hashCode(inputIds)) + sqlStart;
    }

    @Override public String toString() {
        return "EncodedExample[schema=" + schemaIds.length + " ids, input=" + inputIds.length + " ids, sqlStart=" + sqlStart + "]";
    }
}
