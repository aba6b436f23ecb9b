package dev.vantage.data.preprocess;

import dev.vantage.engine.io.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes examples into {@code <dir>/<split>-NNNNN.vshard} files of at most {@code perShard}
 * examples each (see {@link ShardFormat}). Each shard is written to a temp file and moved into
 * place when complete, so a reader never sees a half-written shard.
 */
public final class ShardWriter implements AutoCloseable {
    private final Path dir;
    private final String split;
    private final int vocabSize;
    private final int idWidth;
    private final int perShard;
    private final List<Path> written = new ArrayList<>();

    private FileChannel channel;
    private Path tmp;
    private long[] offsets;
    private int count;
    private long position;
    private long tokens;

    public ShardWriter(Path dir, String split, int vocabSize, int perShard) throws IOException {
        if (perShard < 1) throw new IllegalArgumentException("perShard must be >= 1");
        this.dir = dir;
        this.split = split;
        this.vocabSize = vocabSize;
        this.idWidth = ShardFormat.idWidth(vocabSize);
        this.perShard = perShard;
        Files.createDirectories(dir);
    }

    public void write(EncodedExample e) throws IOException {
        if (channel == null) open();
        int n = e.schemaIds().length + e.inputIds().length;
        ByteBuffer b = ByteBuffer.allocate(12 + n * idWidth).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(e.schemaIds().length).putInt(e.inputIds().length).putInt(e.sqlStart());
        putIds(b, e.schemaIds());
        putIds(b, e.inputIds());
        b.flip();
        offsets[count++] = position;
        position += b.remaining();
        while (b.hasRemaining()) channel.write(b);
        tokens += n;
        if (count == perShard) finish();
    }

    private void putIds(ByteBuffer b, int[] ids) {
        for (int id : ids) {
            if (id < 0 || id >= vocabSize) throw new IllegalArgumentException("token id " + id + " outside the vocab of " + vocabSize);
            if (idWidth == 2) b.putShort((short) id); else b.putInt(id);
        }
    }

    private void open() throws IOException {
        tmp = Files.createTempFile(dir, split + ".", ".tmp");
        channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        offsets = new long[perShard];
        count = 0;
        tokens = 0;
        position = ShardFormat.HEADER_BYTES;
        channel.position(position);
    }

    private void finish() throws IOException {
        long indexOffset = position;
        ByteBuffer index = ByteBuffer.allocate(count * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) index.putLong(offsets[i]);
        index.flip();
        while (index.hasRemaining()) channel.write(index);
        ByteBuffer h = ByteBuffer.allocate(ShardFormat.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(ShardFormat.MAGIC).putShort(ShardFormat.VERSION).put((byte) idWidth).put((byte) 0)
                .putInt(vocabSize).putInt(count).putLong(indexOffset).putLong(tokens);
        h.flip();
        channel.position(0);
        while (h.hasRemaining()) channel.write(h);
        channel.force(true);
        channel.close();
        channel = null;
        Path target = dir.resolve(String.format("%s-%05d%s", split, written.size(), ShardFormat.EXTENSION));
        AtomicFiles.move(tmp, target);
        written.add(target);
    }

    /** The shard files written so far. */
    public List<Path> shards() { return List.copyOf(written); }

    @Override public void close() throws IOException {
        if (channel != null) {
            if (count > 0) finish();
            else { channel.close(); Files.deleteIfExists(tmp); channel = null; }
        }
    }
}
