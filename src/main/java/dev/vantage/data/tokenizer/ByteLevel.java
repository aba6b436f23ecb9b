package dev.vantage.data.tokenizer;

import java.nio.charset.StandardCharsets;

/**
 * GPT-2's byte-to-character table, as Hugging Face's ByteLevel pre-tokenizer uses it: every byte maps
 * to one printable character (printable Latin-1 bytes to themselves, the rest to U+0100 onwards), so
 * any UTF-8 text becomes a string of visible characters and back without loss.
 */
public final class ByteLevel {
    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final int[] CHAR_TO_BYTE = new int[512];

    static {
        java.util.Arrays.fill(CHAR_TO_BYTE, -1);
        int extra = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            char c = printable ? (char) b : (char) (256 + extra++);
            BYTE_TO_CHAR[b] = c;
            CHAR_TO_BYTE[c] = b;
        }
    }

    private ByteLevel() {}

    public static char charOf(int unsignedByte) { return BYTE_TO_CHAR[unsignedByte]; }

    /** The byte a byte-level character stands for, or -1 when it is not one. */
    public static int byteOf(char c) { return c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1; }

    /** The byte-level form of a text: its UTF-8 bytes, one character each. */
    public static String encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        char[] out = new char[bytes.length];
        for (int i = 0; i < bytes.length; i++) out[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
        return new String(out);
    }
}
