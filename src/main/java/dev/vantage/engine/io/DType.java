package dev.vantage.engine.io;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Element types of the safetensors format, named exactly as they appear in a header's {@code "dtype"} field.
 * The sub-byte types of newer safetensors versions (F4, F6_*, F8_E8M0) are not supported: a file using them is
 * rejected with a clear error rather than mis-sized.
 */
public enum DType {
    F32(4), BF16(2), F16(2), F64(8), I64(8), I32(4), I16(2), I8(1), U8(1), BOOL(1),
    U16(2), U32(4), U64(8), F8_E4M3(1), F8_E5M2(1);

    private final int byteSize;

    DType(int byteSize) { this.byteSize = byteSize; }

    /** Bytes per element. */
    public int byteSize() { return byteSize; }

    /** True for the types {@link TensorSource#readFloats} converts to float. */
    public boolean isFloatReadable() { return this == F32 || this == BF16 || this == F16; }

    /** Parses a safetensors dtype name (case-sensitive, as the reference implementation is). */
    public static DType parse(String name) {
        for (DType t : values()) if (t.name().equals(name)) return t;
        throw new IllegalArgumentException("unknown dtype \"" + name + "\" (supported: "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")) + ")");
    }
}
