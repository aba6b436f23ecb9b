package dev.vantage.engine.io;

import dev.vantage.engine.Bf16;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Converts float values to a dtype's little-endian bytes, rejecting values the dtype cannot hold exactly. */
final class ElementEncoding {
    private static final ValueLayout.OfDouble F64_LE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt I32_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private ElementEncoding() {}

    /** Encodes {@code src[off, off+n)} of tensor {@code spec} into {@code dst} from byte 0; {@code off} is also the
     *  element index used in error messages. */
    static void encode(TensorSpec spec, float[] src, int off, int n, MemorySegment dst) {
        switch (spec.dtype()) {
            case F32 -> MemorySegment.copy(src, off, dst, FloatDecoding.F32_LE, 0, n);
            case BF16 -> Bf16.fromFloats(src, off, n, dst, 0);
            case F16 -> { for (int i = 0; i < n; i++) dst.setAtIndex(FloatDecoding.I16_LE, i, Float.floatToFloat16(src[off + i])); }
            case F64 -> { for (int i = 0; i < n; i++) dst.setAtIndex(F64_LE, i, src[off + i]); }
            case I64 -> { for (int i = 0; i < n; i++) dst.setAtIndex(I64_LE, i, integral(spec, src, off + i, -0x1p63, 0x1p63)); }
            case U64 -> { for (int i = 0; i < n; i++) dst.setAtIndex(I64_LE, i, integral(spec, src, off + i, 0, 0x1p63)); }
            case I32 -> { for (int i = 0; i < n; i++) dst.setAtIndex(I32_LE, i, (int) integral(spec, src, off + i, -0x1p31, 0x1p31)); }
            case U32 -> { for (int i = 0; i < n; i++) dst.setAtIndex(I32_LE, i, (int) integral(spec, src, off + i, 0, 0x1p32)); }
            case I16 -> { for (int i = 0; i < n; i++) dst.setAtIndex(FloatDecoding.I16_LE, i, (short) integral(spec, src, off + i, -0x1p15, 0x1p15)); }
            case U16 -> { for (int i = 0; i < n; i++) dst.setAtIndex(FloatDecoding.I16_LE, i, (short) integral(spec, src, off + i, 0, 0x1p16)); }
            case I8 -> { for (int i = 0; i < n; i++) dst.set(ValueLayout.JAVA_BYTE, i, (byte) integral(spec, src, off + i, -0x1p7, 0x1p7)); }
            case U8 -> { for (int i = 0; i < n; i++) dst.set(ValueLayout.JAVA_BYTE, i, (byte) integral(spec, src, off + i, 0, 0x1p8)); }
            case BOOL -> { for (int i = 0; i < n; i++) dst.set(ValueLayout.JAVA_BYTE, i, (byte) integral(spec, src, off + i, 0, 2)); }
            case F8_E4M3, F8_E5M2 -> throw new SafeTensorsException("tensor '" + spec.name() + "': writing "
                    + spec.dtype() + " is not supported");
        }
    }

    /** The value as a long if it is a whole number in [min, maxExclusive); otherwise a clear error. */
    private static long integral(TensorSpec spec, float[] src, int i, double min, double maxExclusive) {
        float v = src[i];
        if (!(v >= min && v < maxExclusive) || v != Math.rint(v)) {
            throw new SafeTensorsException("tensor '" + spec.name() + "': element " + i + " is " + v
                    + ", not a valid " + spec.dtype() + (spec.dtype() == DType.BOOL ? " (0 or 1)" : ""));
        }
        return (long) v;
    }
}
