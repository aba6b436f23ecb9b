package dev.vantage.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files above 2 and 4 GB, made sparse so that only a few kilobytes are really written. */
class LargeFileTest {
    @TempDir Path dir;

    @Test void tensorsBeyondFourGigabytesAreMappedAndRead() throws IOException {
        long pad = (1L << 32) + 8;                     // pushes the next tensors past 2^31 and 2^32
        String header = "{\"pad\":{\"dtype\":\"U8\",\"shape\":[" + pad + "],\"data_offsets\":[0," + pad + "]},"
                + "\"far\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[" + pad + "," + (pad + 16) + "]},"
                + "\"farther\":{\"dtype\":\"BF16\",\"shape\":[3],\"data_offsets\":[" + (pad + 16) + "," + (pad + 22) + "]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        long dataStart = 8 + h.length;
        Path file = dir.resolve("big.safetensors");
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.SPARSE)) {
            ch.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, h.length), 0);
            ch.write(ByteBuffer.wrap(h), 8);
            ByteBuffer tail = ByteBuffer.allocate(22).order(ByteOrder.LITTLE_ENDIAN)
                    .putFloat(1.5f).putFloat(-2f).putFloat(3.25f).putFloat(Float.MAX_VALUE)
                    .putShort((short) 0x3F80).putShort((short) 0xC000).putShort((short) 0x7FC0).flip();
            ch.write(tail, dataStart + pad);
        }
        try {
            assertTrue(Files.size(file) > (1L << 32));
            try (TensorSource s = SafeTensors.open(file)) {
                TensorInfo far = s.info("far");
                assertEquals(dataStart + pad, far.dataOffset());
                assertArrayEquals(new float[] {1.5f, -2f, 3.25f, Float.MAX_VALUE}, s.readFloats("far"));
                assertArrayEquals(new float[] {1f, -2f, Float.NaN}, s.readFloats("farther"));
                assertEquals(pad, s.segment("pad").byteSize());
                assertEquals(0, s.segment("pad").get(ValueLayout.JAVA_BYTE, pad - 1));
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
