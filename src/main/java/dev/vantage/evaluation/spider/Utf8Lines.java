package dev.vantage.evaluation.spider;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines of a text file, each decoded as UTF-8 on its own, so that one line of invalid bytes is
 * reported with its file, line and byte instead of aborting the whole read ("Input length = 1").
 */
public final class Utf8Lines {
    /**
     * One line; {@code problem} is null when it was valid UTF-8, else what was wrong, and {@code text}
     * then has U+FFFD in place of the bad bytes.
     */
    public record Line(int number, String text, String problem) {
        public boolean valid() {
            return problem == null;
        }
    }

    private Utf8Lines() {
    }

    /** Lines split at \n (a \r before it is dropped), as Files.readAllLines would give them. */
    public static List<Line> read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        List<Line> lines = new ArrayList<>();
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        int start = 0;
        int number = 1;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            int next = end + 1;
            if (end > start && bytes[end - 1] == '\r') {
                end--;
            }
            lines.add(decode(strict, bytes, start, end, number));
            start = next;
            number++;
        }
        return lines;
    }

    /** The first invalid line as "file:line: ..." for files that must be valid throughout, or null. */
    public static String firstProblem(Path file, List<Line> lines) {
        for (Line line : lines) {
            if (!line.valid()) {
                return file + ":" + line.number() + ": " + line.problem();
            }
        }
        return null;
    }

    private static Line decode(CharsetDecoder strict, byte[] bytes, int start, int end, int number) {
        ByteBuffer in = ByteBuffer.wrap(bytes, start, end - start);
        try {
            CharBuffer chars = strict.reset().decode(in);
            return new Line(number, chars.toString(), null);
        } catch (CharacterCodingException e) {
            int bad = firstBadByte(bytes, start, end);
            String text = new String(bytes, start, end - start, StandardCharsets.UTF_8);
            return new Line(number, text, String.format("not valid UTF-8 (byte 0x%02x at byte %d of the line)",
                    bytes[bad] & 0xff, bad - start + 1));
        }
    }

    private static int firstBadByte(byte[] bytes, int start, int end) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, end - start);
        CharBuffer out = CharBuffer.allocate(end - start + 1);
        var result = decoder.decode(in, out, true);
        return result.isError() ? in.position() : start;
    }
}
