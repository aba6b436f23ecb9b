package dev.vantage.engine.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Hand-made safetensors bytes for tests, bypassing the writer so broken files can be produced. */
final class Crafted {
    private Crafted() {}

    /** Writes u64 LE {@code declaredLength}, the header text, then {@code dataBytes} bytes counting 0, 1, 2, ... */
    static Path file(Path file, long declaredLength, String header, long dataBytes) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + (int) dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(declaredLength).put(h);
        for (int i = 0; i < dataBytes; i++) b.put((byte) i);
        Files.write(file, b.array());
        return file;
    }

    static Path file(Path file, String header, long dataBytes) throws IOException {
        return file(file, header.getBytes(StandardCharsets.UTF_8).length, header, dataBytes);
    }

    /** Name -> SHA-256 of every file in the directory, to prove a checkpoint was left untouched. */
    static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                try {
                    out.put(p.getFileName().toString(),
                            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return out;
    }
}
