package dev.vantage.data.preprocess;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Random access to the examples of a split's shards ({@code <dir>/<split>-*.vshard}), memory-mapped,
 * and iteration in a seeded shuffled order for training. Validates each shard's header and index
 * on open, naming the file and what is wrong.
 */
public final class ShardReader implements AutoCloseable {
    private final List<MappedByteBuffer> shards = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();
    private final int[] firstIndex; // global index of each shard's first example
    private final int[] idWidth;
    private final int[] indexOffset;
    private final int size;
    private final int vocabSize;
    private final long tokens;

    public ShardReader(Path dir, String split) throws IOException {
        List<Path> found;
        try (Stream<Path> s = Files.list(dir)) {
            found = s.filter(p -> p.getFileName().toString().startsWith(split + "-")
                    && p.getFileName().toString().endsWith(ShardFormat.EXTENSION)).sorted().toList();
        }
        if (found.isEmpty()) throw new IllegalArgumentException("no " + split + "-*" + ShardFormat.EXTENSION + " shards in " + dir);
        firstIndex = new int[found.size()];
        idWidth = new int[found.size()];
        indexOffset = new int[found.size()];
        int total = 0, vocab = -1;
        long tok = 0;
        for (int i = 0; i < found.size(); i++) {
            Path f = found.get(i);
            MappedByteBuffer b;
            try (FileChannel c = FileChannel.open(f, StandardOpenOption.READ)) {
                if (c.size() > Integer.MAX_VALUE) throw new IllegalArgumentException(f + ": shard larger than 2 GiB");
                if (c.size() < ShardFormat.HEADER_BYTES) throw new IllegalArgumentException(f + ": too short for a shard header");
                b = c.map(FileChannel.MapMode.READ_ONLY, 0, c.size());
            }
            b.order(ByteOrder.LITTLE_ENDIAN);
            if (b.getInt(0) != ShardFormat.MAGIC) throw new IllegalArgumentException(f + ": not a Vantage token shard (bad magic)");
            if (b.getShort(4) != ShardFormat.VERSION) throw new IllegalArgumentException(f + ": shard version " + b.getShort(4) + ", expected " + ShardFormat.VERSION);
            int width = b.get(6);
            if (width != 2 && width != 4) throw new IllegalArgumentException(f + ": id width " + width + " is neither 2 nor 4");
            int v = b.getInt(8), count = b.getInt(12);
            long idx = b.getLong(16);
            if (vocab >= 0 && v != vocab) throw new IllegalArgumentException(f + ": vocab size " + v + " differs from the other shards' " + vocab);
            if (idx < ShardFormat.HEADER_BYTES || idx + 8L * count != b.capacity()) {
                throw new IllegalArgumentException(f + ": index of " + count + " examples at " + idx + " does not end the file (" + b.capacity() + " bytes)");
            }
            vocab = v;
            tok += b.getLong(24);
            shards.add(b);
            files.add(f);
            firstIndex[i] = total;
            idWidth[i] = width;
            indexOffset[i] = (int) idx;
            total += count;
        }
        size = total;
        vocabSize = vocab;
        tokens = tok;
    }

    public int size() { return size; }
    public int vocabSize() { return vocabSize; }
    public long totalTokens() { return tokens; }
    public List<Path> files() { return List.copyOf(files); }

    public EncodedExample get(int index) {
        if (index < 0 || index >= size) throw new IndexOutOfBoundsException("example " + index + " of " + size);
        int s = shardOf(index);
        MappedByteBuffer b = shards.get(s);
        long off = b.getLong(indexOffset[s] + 8 * (index - firstIndex[s]));
        int p = (int) off;
        int schemaLen = b.getInt(p), inputLen = b.getInt(p + 4), sqlStart = b.getInt(p + 8);
        p += 12;
        int[] schema = new int[schemaLen], input = new int[inputLen];
        p = readIds(b, p, schema, idWidth[s]);
        readIds(b, p, input, idWidth[s]);
        return new EncodedExample(schema, input, sqlStart);
    }

    private static int readIds(MappedByteBuffer b, int p, int[] into, int width) {
        if (width == 2) {
            for (int i = 0; i < into.length; i++, p += 2) into[i] = Short.toUnsignedInt(b.getShort(p));
        } else {
            for (int i = 0; i < into.length; i++, p += 4) into[i] = b.getInt(p);
        }
        return p;
    }

    private int shardOf(int index) {
        int lo = 0, hi = firstIndex.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (firstIndex[mid] <= index) lo = mid; else hi = mid - 1;
        }
        return lo;
    }

    /** A permutation of all example indices, the same for the same seed. */
    public int[] order(long seed) {
        int[] p = new int[size];
        for (int i = 0; i < size; i++) p[i] = i;
        Random r = new Random(seed);
        for (int i = size - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i]; p[i] = p[j]; p[j] = t;
        }
        return p;
    }

    /** Every example once, in a seeded shuffled order (one epoch). */
    public Iterator<EncodedExample> shuffled(long seed) {
        int[] order = order(seed);
        return new Iterator<>() {
            int i;
            @Override public boolean hasNext() { return i < order.length; }
            @Override public EncodedExample next() {
                if (i >= order.length) throw new NoSuchElementException();
                return get(order[i++]);
            }
        };
    }

    @Override public void close() {
        shards.clear(); // mappings are released when collected
    }
}
