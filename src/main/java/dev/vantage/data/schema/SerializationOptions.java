package dev.vantage.data.schema;

/**
 * What {@link SchemaSerializer} writes besides table and column names.
 *
 * @param columnTypes        {@code : type} after each column
 * @param keyMarkers         {@code <pk>} and {@code <fk> table.column}
 * @param valueLinking       {@code <val> v} for database values found in the question
 * @param maxValuesPerColumn at most this many linked values per column
 * @param descriptions       {@code ( description )} after a column whose description says more than its
 *                           name: WikiSQL's header names for its col0..colN, BIRD's column descriptions,
 *                           Spider's readable names
 * @param nameMarkers        {@code <em>} / {@code <pm>} after a table or column the question names exactly / in part
 */
public record SerializationOptions(boolean columnTypes, boolean keyMarkers, boolean valueLinking, int maxValuesPerColumn,
                                   boolean descriptions, boolean nameMarkers) {
    public SerializationOptions {
        if (maxValuesPerColumn < 0) throw new IllegalArgumentException("maxValuesPerColumn must be >= 0, got " + maxValuesPerColumn);
    }

    /** With name markers on. */
    public SerializationOptions(boolean columnTypes, boolean keyMarkers, boolean valueLinking, int maxValuesPerColumn, boolean descriptions) {
        this(columnTypes, keyMarkers, valueLinking, maxValuesPerColumn, descriptions, true);
    }

    public static SerializationOptions defaults() {
        return new SerializationOptions(true, true, true, 2, true, true);
    }
}
