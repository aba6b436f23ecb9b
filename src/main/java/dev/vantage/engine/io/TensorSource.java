package dev.vantage.engine.io;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;

/**
 * Reads tensors by name from one safetensors file or a sharded checkpoint directory. The files are memory-mapped:
 * nothing is read until a tensor is used. Segments stay valid until {@link #close()}; using one afterwards throws
 * {@link IllegalStateException}. Safe to use from several threads.
 */
public interface TensorSource extends AutoCloseable {

    /** All tensors, by file (shard order) then by position in the file. */
    List<TensorInfo> tensors();

    /** The tensor's location; throws {@link SafeTensorsException} naming the tensor and the file(s) if absent. */
    TensorInfo info(String name);

    default boolean contains(String name) {
        return tensors().stream().anyMatch(t -> t.name().equals(name));
    }

    /** The tensor's raw bytes: read-only, mapped, little-endian, {@code info(name).byteLength()} long. */
    MemorySegment segment(String name);

    /** The tensor converted to float; the tensor must be F32, BF16 or F16 and hold at most 2^31-9 elements. */
    float[] readFloats(String name);

    /** The {@code __metadata__} strings (for a sharded checkpoint: the union over shards, first shard wins). */
    Map<String, String> metadata();

    @Override void close();
}
