package dev.vantage.engine;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * bfloat16 ↔ float32 conversion. A bf16 value is the upper 16 bits of a float32, so widening is exact.
 *
 * <p>Narrowing rounds to nearest, ties to even; values beyond the largest bf16 become ±infinity. NaN stays NaN:
 * its sign and upper 7 payload bits are kept (truncated); if those 7 bits are all zero the quiet bit (0x0040) is
 * set so the result is not mistaken for infinity. Consequently bf16 → float → bf16 is the identity on all 65536
 * bit patterns, signalling NaNs included. Memory is little-endian, as in safetensors. Bulk conversions use the
 * Vector API for native segments and fall back to the scalar code otherwise; both give identical bits.
 */
public final class Bf16 {
    private static final ValueLayout.OfShort SHORT_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Short> SHORTS =
            VectorSpecies.of(short.class, VectorShape.forBitSize(INTS.vectorBitSize() / 2));

    private Bf16() {}

    public static short fromFloat(float f) { return fromBits(Float.floatToRawIntBits(f)); }

    public static float toFloat(short bf16) { return Float.intBitsToFloat(bf16 << 16); }

    /** Narrows float32 bits to bf16 bits (see class comment for the rounding and NaN rules). */
    public static short fromBits(int bits) {
        if ((bits & 0x7FFF_FFFF) > 0x7F80_0000) {           // NaN
            int upper = bits >>> 16;
            return (short) ((upper & 0x7F) == 0 ? upper | 0x40 : upper);
        }
        // Adding 0x7FFF plus the lowest kept bit rounds half to even; a carry into the exponent is correct
        // (it rounds up to the next binade or to infinity).
        return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
    }

    /** Writes {@code n} floats from {@code src[off..]} as little-endian bf16 at byte offset {@code dstOff}. */
    public static void fromFloats(float[] src, int off, int n, MemorySegment dst, long dstOff) {
        java.util.Objects.checkFromIndexSize(off, n, src.length);
        int i = 0;
        if (dst.isNative()) {
            int step = INTS.length();
            for (int upper = INTS.loopBound(n); i < upper; i += step) {
                IntVector bits = FloatVector.fromArray(FLOATS, src, off + i).reinterpretAsInts();
                VectorMask<Integer> nan = bits.and(0x7FFF_FFFF).compare(VectorOperators.GT, 0x7F80_0000);
                IntVector rounded = bits.add(0x7FFF).add(bits.lanewise(VectorOperators.LSHR, 16).and(1))
                        .lanewise(VectorOperators.LSHR, 16);
                IntVector truncated = bits.lanewise(VectorOperators.LSHR, 16);
                IntVector quieted = truncated.lanewise(VectorOperators.OR, 0x40,
                        truncated.and(0x7F).compare(VectorOperators.EQ, 0));
                rounded.blend(quieted, nan).castShape(SHORTS, 0).reinterpretAsShorts()
                        .intoMemorySegment(dst, dstOff + 2L * i, ByteOrder.LITTLE_ENDIAN);
            }
        }
        MemorySegment srcBits = MemorySegment.ofArray(src);   // raw bits: NaN payloads survive untouched
        for (; i < n; i++) {
            dst.set(SHORT_LE, dstOff + 2L * i, fromBits(srcBits.getAtIndex(ValueLayout.JAVA_INT, off + i)));
        }
    }

    /** Reads {@code n} little-endian bf16 values at byte offset {@code off} into {@code dst[dstOff..]}. */
    public static void toFloats(MemorySegment src, long off, float[] dst, int dstOff, int n) {
        java.util.Objects.checkFromIndexSize(dstOff, n, dst.length);
        int i = 0;
        if (src.isNative()) {
            int step = INTS.length();
            for (int upper = INTS.loopBound(n); i < upper; i += step) {
                ShortVector.fromMemorySegment(SHORTS, src, off + 2L * i, ByteOrder.LITTLE_ENDIAN)
                        .castShape(INTS, 0).reinterpretAsInts()
                        .lanewise(VectorOperators.LSHL, 16)
                        .reinterpretAsFloats().intoArray(dst, dstOff + i);
            }
        }
        MemorySegment dstBits = MemorySegment.ofArray(dst);
        for (; i < n; i++) {
            dstBits.setAtIndex(ValueLayout.JAVA_INT, dstOff + i, src.get(SHORT_LE, off + 2L * i) << 16);
        }
    }
}
