package dev.vantage.data.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GPT-2's pre-tokenization, the split Hugging Face's ByteLevel pre-tokenizer makes with
 * use_regex=true:
 * {@code 's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+} (Unicode classes).
 * {@link #split} is a hand-written scanner with exactly that regex's matches, about four times as
 * fast as {@link java.util.regex}; {@link #GPT2} is the regex itself, kept as the reference the
 * tests compare the scanner with.
 */
public final class PreTokenizer {
    public static final Pattern GPT2 = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    private static final int LETTER = 0, NUMBER = 1, SPACE = 2, OTHER = 3;

    private PreTokenizer() {}

    @FunctionalInterface
    public interface PieceSink {
        void piece(int start, int end);
    }

    /** Calls {@code sink} with [start, end) of each piece of text[from, to); the pieces cover it all. */
    public static void split(CharSequence text, int from, int to, PieceSink sink) {
        int i = from;
        while (i < to) {
            int end = match(text, i, to);
            sink.piece(i, end);
            i = end;
        }
    }

    /** The end of the regex's match starting at i (there always is one: every character is covered). */
    private static int match(CharSequence s, int i, int to) {
        char c = s.charAt(i);
        if (c == '\'' && i + 1 < to) {                           // contractions
            char d = s.charAt(i + 1);
            if (d == 's' || d == 't' || d == 'm' || d == 'd') return i + 2;
            if (i + 2 < to) {
                char e = s.charAt(i + 2);
                if ((d == 'r' || d == 'v') && e == 'e' || d == 'l' && e == 'l') return i + 3;
            }
        }
        int start = i;
        if (c == ' ' && i + 1 < to) {                            // " ?" before letters, numbers or symbols
            int cls = classOf(Character.codePointAt(s, i + 1));
            if (cls != SPACE) return run(s, i + 1, to, cls);
        }
        int cls = classOf(Character.codePointAt(s, start));
        if (cls != SPACE) return run(s, start, to, cls);
        // whitespace: \s+(?!\S) leaves the last space to the next word; \s+ takes a lone one
        int end = run(s, start, to, SPACE);
        if (end < to) {
            int lastStart = end - Character.charCount(Character.codePointBefore(s, end));
            if (lastStart > start) return lastStart;
        }
        return end;
    }

    /** The end of the run of characters of one class starting at i. */
    private static int run(CharSequence s, int i, int to, int cls) {
        while (i < to) {
            int cp = Character.codePointAt(s, i);
            if (classOf(cp) != cls) break;
            i += Character.charCount(cp);
        }
        return i;
    }

    private static int classOf(int cp) {
        if (cp < 128) {
            if (cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z') return LETTER;
            if (cp >= '0' && cp <= '9') return NUMBER;
            if (cp == ' ' || cp >= 9 && cp <= 13) return SPACE;
            return OTHER;
        }
        if (Character.isLetter(cp)) return LETTER;
        int type = Character.getType(cp);
        if (type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER) return NUMBER;
        return isWhiteSpace(cp) ? SPACE : OTHER;
    }

    /** Unicode's White_Space property, which {@code \s} means under UNICODE_CHARACTER_CLASS. */
    private static boolean isWhiteSpace(int cp) {
        return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A)
                || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    }

    public static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        split(text, 0, text.length(), (s, e) -> out.add(text.substring(s, e)));
        return out;
    }

    /** The same split by the regex (the reference implementation). */
    public static List<String> splitWithRegex(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = GPT2.matcher(text);
        int pos = 0;
        while (m.find()) {
            if (m.start() > pos) out.add(text.substring(pos, m.start()));
            out.add(m.group());
            pos = m.end();
        }
        if (pos < text.length()) out.add(text.substring(pos));
        return out;
    }
}
