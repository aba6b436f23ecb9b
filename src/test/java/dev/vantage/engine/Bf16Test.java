package dev.vantage.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Bf16Test {
    private static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Round-to-nearest-even by exact decimal distances: independent of the bit trick under test. */
    static short reference(int bits) {
        float f = Float.intBitsToFloat(bits);
        if (Float.isNaN(f)) {
            int upper = bits >>> 16;
            return (short) ((upper & 0x7F) == 0 ? upper | 0x40 : upper);
        }
        int down = bits & 0xFFFF_0000;                 // same sign, magnitude truncated
        if (down == bits) return (short) (down >>> 16);
        int up = down + 0x1_0000;                      // next magnitude (may be infinity)
        BigDecimal x = new BigDecimal(Math.abs((double) f));
        BigDecimal lo = new BigDecimal(Math.abs((double) Float.intBitsToFloat(down)));
        BigDecimal hi = Float.isInfinite(Float.intBitsToFloat(up))
                ? new BigDecimal(2).pow(128) : new BigDecimal(Math.abs((double) Float.intBitsToFloat(up)));
        int cmp = x.subtract(lo).compareTo(hi.subtract(x));
        boolean roundUp = cmp > 0 || (cmp == 0 && ((down >>> 16) & 1) == 1);
        return (short) ((roundUp ? up : down) >>> 16);
    }

    @Test void everyBf16PatternSurvivesWideningAndNarrowing() {
        for (int b = 0; b < 0x1_0000; b++) {
            short s = (short) b;
            int widened = s << 16;
            assertEquals(s, Bf16.fromBits(widened), () -> "pattern " + Integer.toHexString(widened));
            if (!Float.isNaN(Bf16.toFloat(s))) assertEquals(Float.intBitsToFloat(widened), Bf16.toFloat(s));
        }
    }

    @Test void bulkConversionsRoundTripAllPatternsBitExactly() {
        int n = 0x1_0000;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment src = arena.allocate(2L * n);
            for (int b = 0; b < n; b++) src.setAtIndex(SHORT_LE, b, (short) b);
            float[] floats = new float[n];
            Bf16.toFloats(src, 0, floats, 0, n);
            MemorySegment floatBits = MemorySegment.ofArray(floats);
            for (int b = 0; b < n; b++) assertEquals(b << 16, floatBits.getAtIndex(ValueLayout.JAVA_INT, b));
            MemorySegment back = arena.allocate(2L * n);
            Bf16.fromFloats(floats, 0, n, back, 0);
            assertEquals(-1, src.mismatch(back));
        }
    }

    @Test void edgeCasesMatchReference() {
        int[] cases = {
                0x0000_0000, 0x8000_0000,                       // ±0
                0x0000_0001, 0x8000_0001, 0x0000_8000, 0x0000_8001, 0x0001_8000, 0x007F_FFFF, // subnormals
                0x3F80_8000,   // 1 + 2^-8: tie between 1 and 1+2^-7, even is 1
                0x3F81_8000,   // tie, even is up
                0x3F80_8001, 0x3F80_7FFF, 0xBF80_8000, 0xBF81_8000,
                0x7F7F_FFFF, 0x7F7F_8000, 0x7F7F_7FFF, 0xFF7F_FFFF,   // near max: round to inf or stay finite
                0x7F80_0000, 0xFF80_0000,                       // ±inf
                0x7FC0_0000, 0xFFC0_0000, 0x7F80_0001, 0xFF80_0001, 0x7F81_0000, 0x7FFF_FFFF, 0x7FA0_1234,  // NaNs
        };
        for (int bits : cases) {
            assertEquals(reference(bits), Bf16.fromBits(bits), () -> "bits " + Integer.toHexString(bits));
        }
        assertEquals((short) 0x3F80, Bf16.fromBits(0x3F80_8000));
        assertEquals((short) 0x3F82, Bf16.fromBits(0x3F81_8000));
        assertEquals((short) 0x7F80, Bf16.fromBits(0x7F7F_FFFF));
        assertEquals((short) 0x7FC0, Bf16.fromBits(0x7F80_0001));    // payload only in dropped bits: quiet NaN
        assertEquals((short) 0xFF81, Bf16.fromBits(0xFF81_0000));    // sign and upper payload kept
        assertTrue(Float.isNaN(Bf16.toFloat(Bf16.fromBits(0x7F80_0001))));
    }

    @Test void randomFloatsMatchReferenceScalarAndBulk() {
        SplittableRandom rnd = new SplittableRandom(7);
        int n = 200_003;                                 // not a multiple of any vector length: exercises the tail
        float[] src = new float[n + 5];
        MemorySegment srcBits = MemorySegment.ofArray(src);
        for (int i = 0; i < src.length; i++) srcBits.setAtIndex(ValueLayout.JAVA_INT, i, rnd.nextInt());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment dst = arena.allocate(2L * n + 3);
            Bf16.fromFloats(src, 5, n, dst, 3);          // odd offsets on both sides
            MemorySegment heapDst = MemorySegment.ofArray(new byte[2 * n]);
            Bf16.fromFloats(src, 5, n, heapDst, 0);      // scalar path
            for (int i = 0; i < n; i++) {
                int bits = srcBits.getAtIndex(ValueLayout.JAVA_INT, 5 + i);
                short expected = reference(bits);
                final int at = i;
                assertEquals(expected, dst.get(SHORT_LE, 3 + 2L * i), () -> "element " + at + " bits " + Integer.toHexString(bits));
                assertEquals(expected, heapDst.get(SHORT_LE, 2L * i));
            }
            float[] back = new float[n + 1];
            Bf16.toFloats(dst, 3, back, 1, n);
            for (int i = 0; i < n; i++) {
                assertEquals(dst.get(SHORT_LE, 3 + 2L * i) << 16, Float.floatToRawIntBits(back[1 + i]));
            }
        }
    }
}
