package dev.vantage.inference;

import dev.vantage.data.tokenizer.BpeTokenizer;
import dev.vantage.data.tokenizer.SpecialTokens;

/**
 * What the constraint sees of each token: its decoded text, and which ids may never be generated.
 * A byte-level BPE token is decoded on its own; a token holding only part of a multi-byte UTF-8
 * character therefore decodes to U+FFFD (only non-ASCII literals are affected). Special tokens other
 * than {@code <eos>} are never allowed in the output.
 */
public final class TokenTexts {
    private final String[] texts;
    private final boolean[] forbidden;
    private final boolean wordsStartAtFront;

    /** texts by id; forbidden[id] marks ids never to generate (the eos id must not be one). */
    public TokenTexts(String[] texts, boolean[] forbidden) {
        if (texts.length != forbidden.length) throw new IllegalArgumentException(texts.length + " texts but " + forbidden.length + " flags");
        if (texts.length <= SpecialTokens.EOS_ID) throw new IllegalArgumentException("vocabulary without <eos>");
        if (forbidden[SpecialTokens.EOS_ID]) throw new IllegalArgumentException("<eos> must stay allowed");
        this.texts = texts.clone();
        this.forbidden = forbidden.clone();
        boolean one = true;
        for (int i = 0; i < texts.length && one; i++) one = forbidden[i] || i == SpecialTokens.EOS_ID || startsWordsAtFront(texts[i]);
        this.wordsStartAtFront = one;
    }

    /**
     * Whether every allowed token starts words only at its first character, right after a single
     * leading space, or after a character other than a comma or whitespace: then a table name (which
     * follows FROM or JOIN and a space, or a comma) starts in a token only at its front
     * ({@link ConstraintState#linkRise}). True of GPT-2's pre-tokenization, which splits words from
     * spaces and punctuation.
     */
    public boolean wordsStartAtFront() { return wordsStartAtFront; }

    static boolean startsWordsAtFront(String t) {
        for (int i = 1; i < t.length(); i++) {
            char c = t.charAt(i), prev = t.charAt(i - 1);
            boolean wordStart = ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_') && !wordChar(prev);
            boolean afterLeadingSpace = i == 1 && prev == ' ';
            if (wordStart && !afterLeadingSpace && (prev == ',' || Character.isWhitespace(prev))) return false;
        }
        return true;
    }

    private static boolean wordChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
    }

    /** Every token's text from the tokenizer; its special tokens except {@code <eos>} forbidden. */
    public static TokenTexts of(BpeTokenizer tok) {
        int V = tok.vocabSize();
        String[] t = new String[V];
        boolean[] f = new boolean[V];
        for (int i = 0; i < V; i++) t[i] = tok.decode(new int[]{i});
        for (String s : tok.specialTokens()) f[tok.id(s)] = true;
        for (int i = 0; i < SpecialTokens.ALL.size() && i < V; i++) f[i] = true;
        f[SpecialTokens.EOS_ID] = false;
        return new TokenTexts(t, f);
    }

    public int size() { return texts.length; }
    public String text(int id) { return texts[id]; }
    public boolean forbidden(int id) { return forbidden[id]; }
}
