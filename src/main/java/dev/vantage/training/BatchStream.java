package dev.vantage.training;

import dev.vantage.data.preprocess.EncodedExample;
import dev.vantage.data.preprocess.ShardReader;
import dev.vantage.model.Batch;

import java.util.ArrayList;
import java.util.List;

/**
 * Endless micro-batches over a split's shards: each epoch a fresh seeded permutation, read in order.
 * Its position (epoch, cursor) is all a checkpoint needs to continue with exactly the same batches.
 */
public final class BatchStream {
    private final ShardReader reader;
    private final long seed;
    private int epoch, cursor;
    private int[] order;
    /** Shard indices of the last batch, to name it when its loss is not finite. */
    private int[] lastIndices = new int[0];

    public BatchStream(ShardReader reader, long seed, Position start) {
        if (reader.size() == 0) throw new IllegalArgumentException("no training examples in " + reader.files());
        this.reader = reader;
        this.seed = seed;
        this.epoch = start.epoch();
        this.cursor = start.cursor();
        this.order = reader.order(seed * 1_000_003L + epoch);
        if (cursor < 0 || cursor > order.length) throw new IllegalArgumentException("data position " + start + " outside " + order.length + " examples");
    }

    public record Position(int epoch, int cursor) {
        public static final Position START = new Position(0, 0);
    }

    public Position position() { return new Position(epoch, cursor); }

    public int[] lastIndices() { return lastIndices.clone(); }

    public Batch next(int size) {
        List<EncodedExample> rows = new ArrayList<>(size);
        lastIndices = new int[size];
        for (int i = 0; i < size; i++) {
            if (cursor == order.length) {
                epoch++;
                cursor = 0;
                order = reader.order(seed * 1_000_003L + epoch);
            }
            lastIndices[i] = order[cursor];
            rows.add(reader.get(order[cursor++]));
        }
        return toBatch(rows);
    }

    /** The model's packed batch of these examples, loss on the SQL part. */
    public static Batch toBatch(List<EncodedExample> rows) {
        int n = rows.size();
        int[][] schema = new int[n][], input = new int[n][], mask = new int[n][];
        int[] schemaLen = new int[n], inputLen = new int[n];
        for (int i = 0; i < n; i++) {
            EncodedExample x = rows.get(i);
            schema[i] = x.schemaIds();
            schemaLen[i] = x.schemaIds().length;
            input[i] = x.inputIds();
            inputLen[i] = x.inputIds().length;
            mask[i] = x.lossMask();
        }
        boolean noSchema = rows.stream().allMatch(x -> x.schemaIds().length == 0);
        return new Batch(noSchema ? null : schema, noSchema ? null : schemaLen, input, inputLen, mask);
    }
}
