package dev.vantage.data.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GPT-2's pre-tokenization (the regex Hugging Face's ByteLevel pre-tokenizer applies with
 * use_regex=true): contractions, optionally space-led runs of letters, of digits, of other
 * symbols, and whitespace. Unicode classes throughout, as in the Rust implementation.
 */
public final class PreTokenizer {
    static final Pattern GPT2 = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+",
            Pattern.UNICODE_CHARACTER_CLASS);

    private PreTokenizer() {}

    /** Calls {@code sink} with [start, end) of each piece of text[from, to); the pieces cover it all. */
    public static void split(CharSequence text, int from, int to, PieceSink sink) {
        Matcher m = GPT2.matcher(text).region(from, to);
        int pos = from;
        while (m.find()) {
            if (m.start() > pos) sink.piece(pos, m.start()); // never happens for valid text; kept lossless anyway
            sink.piece(m.start(), m.end());
            pos = m.end();
        }
        if (pos < to) sink.piece(pos, to);
    }

    public static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        split(text, 0, text.length(), (s, e) -> out.add(text.substring(s, e)));
        return out;
    }

    @FunctionalInterface
    public interface PieceSink {
        void piece(int start, int end);
    }
}
