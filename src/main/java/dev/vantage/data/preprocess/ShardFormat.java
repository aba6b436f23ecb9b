package dev.vantage.data.preprocess;

/**
 * The token shard file ({@code *.vshard}), little-endian:
 * <pre>
 * header, 32 bytes:
 *   0  magic "VSHD"          4 bytes
 *   4  version               u16 (1)
 *   6  id width              u8  (2: ids as uint16, when the vocab has at most 65536 tokens; 4: int32)
 *   7  reserved              u8
 *   8  vocab size            u32
 *  12  example count         u32
 *  16  index offset          u64 (where the index starts)
 *  24  total tokens          u64 (schema + input ids of all examples)
 * records, one per example, from byte 32:
 *   schema length u32, input length u32, sql start u32, schema ids, input ids (id width each)
 * index at the index offset: example count x u64, the byte offset of each record
 * </pre>
 * The loss mask is not stored: it is 1 from position sqlStart-1 to the second-to-last position.
 */
public final class ShardFormat {
    public static final int MAGIC = 0x44485356; // "VSHD" read little-endian
    public static final short VERSION = 1;
    public static final int HEADER_BYTES = 32;
    public static final String EXTENSION = ".vshard";

    private ShardFormat() {}

    public static int idWidth(int vocabSize) { return vocabSize <= 65536 ? 2 : 4; }
}
