package dev.vantage.engine.io;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Streams one safetensors file to a (temporary) path: header, then each tensor encoded through a small direct
 * buffer, so memory use is one tensor's floats plus {@value #BUFFER_BYTES} bytes. The file is fsynced before return.
 */
final class StagedFileWriter {
    static final int BUFFER_BYTES = 1 << 22;

    /** Where a tensor's values come from: floats to convert, or raw bytes already in the target encoding. */
    interface Payload {
        float[] floats(TensorSpec spec);

        /** Raw bytes in the spec's encoding, or null to use {@link #floats}. */
        default MemorySegment raw(TensorSpec spec) { return null; }
    }

    private StagedFileWriter() {}

    static void write(Path out, List<TensorSpec> specsInDataOrder, Map<String, String> metadata, Payload payload,
                      LongConsumer bytesWritten) throws IOException {
        byte[] header = SafeTensorsHeader.encode(specsInDataOrder, metadata);
        ByteBuffer buf = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        MemorySegment bufSeg = MemorySegment.ofBuffer(buf);
        try (FileChannel ch = FileChannel.open(out, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length);
            writeFully(ch, prefix);
            writeFully(ch, ByteBuffer.wrap(header));
            for (TensorSpec spec : specsInDataOrder) {
                MemorySegment raw = payload.raw(spec);
                if (raw != null) {
                    writeRaw(ch, spec, raw, buf, bufSeg, bytesWritten);
                } else {
                    writeFloats(ch, spec, payload.floats(spec), buf, bufSeg, bytesWritten);
                }
            }
            ch.force(true);
        }
    }

    private static void writeFloats(FileChannel ch, TensorSpec spec, float[] values, ByteBuffer buf,
                                    MemorySegment bufSeg, LongConsumer bytesWritten) throws IOException {
        if (values.length != spec.numel()) {
            throw new SafeTensorsException("tensor '" + spec.name() + "': got " + values.length
                    + " values for shape " + java.util.Arrays.toString(spec.shape()) + " (" + spec.numel() + " elements)");
        }
        int size = spec.dtype().byteSize();
        int chunk = BUFFER_BYTES / size;
        for (int off = 0; off < values.length; off += chunk) {
            int n = Math.min(chunk, values.length - off);
            ElementEncoding.encode(spec, values, off, n, bufSeg);
            writeFully(ch, buf.clear().limit(n * size));
            bytesWritten.accept((long) n * size);
        }
    }

    private static void writeRaw(FileChannel ch, TensorSpec spec, MemorySegment raw, ByteBuffer buf,
                                 MemorySegment bufSeg, LongConsumer bytesWritten) throws IOException {
        if (raw.byteSize() != spec.byteLength()) {
            throw new SafeTensorsException("tensor '" + spec.name() + "': got " + raw.byteSize() + " bytes, expected "
                    + spec.byteLength());
        }
        for (long off = 0; off < raw.byteSize(); off += BUFFER_BYTES) {
            int n = (int) Math.min(BUFFER_BYTES, raw.byteSize() - off);
            MemorySegment.copy(raw, off, bufSeg, 0, n);
            writeFully(ch, buf.clear().limit(n));
            bytesWritten.accept(n);
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) ch.write(b);
    }
}
