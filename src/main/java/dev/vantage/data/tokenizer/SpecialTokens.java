package dev.vantage.data.tokenizer;

import java.util.List;

/**
 * The special tokens, with fixed ids: they are never split and are matched as a whole wherever
 * their text appears. The schema serialization marks tables, columns, keys, values and name matches
 * ({@code <em>} exact, {@code <pm>} partial) with them.
 */
public final class SpecialTokens {
    public static final String PAD = "<pad>", BOS = "<bos>", EOS = "<eos>", SEP = "<sep>", TABLE = "<table>",
            COL = "<col>", PK = "<pk>", FK = "<fk>", VAL = "<val>", EXACT_MATCH = "<em>", PARTIAL_MATCH = "<pm>";
    public static final int PAD_ID = 0, BOS_ID = 1, EOS_ID = 2, SEP_ID = 3, TABLE_ID = 4, COL_ID = 5, PK_ID = 6, FK_ID = 7, VAL_ID = 8,
            EXACT_MATCH_ID = 9, PARTIAL_MATCH_ID = 10;

    /** In id order: the position is the id. New tokens are appended, so older ids never move. */
    public static final List<String> ALL = List.of(PAD, BOS, EOS, SEP, TABLE, COL, PK, FK, VAL, EXACT_MATCH, PARTIAL_MATCH);

    private SpecialTokens() {}
}
