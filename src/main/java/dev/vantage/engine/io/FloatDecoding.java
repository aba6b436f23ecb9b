package dev.vantage.engine.io;

import dev.vantage.engine.Bf16;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/** Converts a mapped tensor's little-endian bytes to a float array. */
final class FloatDecoding {
    static final ValueLayout.OfFloat F32_LE = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfShort I16_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** The largest array HotSpot reliably allocates. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private FloatDecoding() {}

    static float[] readFloats(TensorInfo info, MemorySegment bytes) {
        TensorSpec spec = info.spec();
        if (!spec.dtype().isFloatReadable()) {
            throw new SafeTensorsException(info.file() + ": tensor '" + spec.name() + "' is " + spec.dtype()
                    + "; readFloats reads F32, BF16 and F16 only (use segment() for the raw bytes)");
        }
        long numel = spec.numel();
        if (numel > MAX_ARRAY) {
            throw new SafeTensorsException(info.file() + ": tensor '" + spec.name() + "' has " + numel
                    + " elements, more than a Java array holds (" + MAX_ARRAY + "); read it through segment()");
        }
        int n = (int) numel;
        float[] out = new float[n];
        switch (spec.dtype()) {
            case F32 -> MemorySegment.copy(bytes, F32_LE, 0, out, 0, n);
            case BF16 -> Bf16.toFloats(bytes, 0, out, 0, n);
            case F16 -> {
                for (int i = 0; i < n; i++) out[i] = Float.float16ToFloat(bytes.getAtIndex(I16_LE, i));
            }
            default -> throw new AssertionError(spec.dtype());
        }
        return out;
    }
}
