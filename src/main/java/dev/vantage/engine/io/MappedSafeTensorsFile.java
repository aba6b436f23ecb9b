package dev.vantage.engine.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One safetensors file, validated then mapped whole (read-only) into a shared arena, so files above 2 GB work and
 * segments can be read from any thread. Closing the source unmaps the file.
 */
final class MappedSafeTensorsFile implements TensorSource {
    private final Path file;
    private final SafeTensorsHeader header;
    private final Map<String, TensorInfo> byName;
    private final Arena arena;
    private final MemorySegment mapped;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MappedSafeTensorsFile(Path file, SafeTensorsHeader header, Arena arena, MemorySegment mapped) {
        this.file = file;
        this.header = header;
        this.arena = arena;
        this.mapped = mapped;
        this.byName = new LinkedHashMap<>();
        for (TensorInfo t : header.tensors()) byName.put(t.name(), t);
    }

    static MappedSafeTensorsFile open(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            SafeTensorsHeader header = SafeTensorsHeader.read(channel, file);
            long validatedSize = channel.size();
            Arena arena = Arena.ofShared();
            try {
                MemorySegment mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, validatedSize, arena);
                return new MappedSafeTensorsFile(file, header, arena, mapped);
            } catch (IOException | RuntimeException e) {
                arena.close();
                throw e;
            }
        } catch (NoSuchFileException e) {
            throw new SafeTensorsException(file + ": no such file");
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot open: " + e.getMessage(), e);
        }
    }

    Path file() { return file; }

    @Override public List<TensorInfo> tensors() { return header.tensors(); }

    @Override public boolean contains(String name) { return byName.containsKey(name); }

    @Override public TensorInfo info(String name) {
        TensorInfo info = byName.get(name);
        if (info == null) throw new SafeTensorsException(file + ": no tensor named '" + name + "' (the file has "
                + byName.size() + " tensors)");
        return info;
    }

    @Override public MemorySegment segment(String name) {
        TensorInfo info = info(name);
        return mapped.asSlice(info.dataOffset(), info.byteLength());
    }

    @Override public float[] readFloats(String name) { return FloatDecoding.readFloats(info(name), segment(name)); }

    @Override public Map<String, String> metadata() { return header.metadata(); }

    @Override public void close() {
        if (closed.compareAndSet(false, true)) arena.close();
    }
}
