package dev.vantage.engine.io;

import java.util.Arrays;
import java.util.Objects;

/**
 * Name, element type and shape of one tensor (row-major, as safetensors stores it). A scalar has shape {@code []}.
 * The shape array is copied in and out, so a spec is immutable; equality compares shapes by content.
 */
public record TensorSpec(String name, DType dtype, long[] shape) {

    public TensorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
        if (name.isEmpty()) throw new IllegalArgumentException("tensor name is empty");
        shape = shape.clone();
        for (long d : shape) {
            if (d < 0) throw new IllegalArgumentException("tensor '" + name + "': negative dimension in shape "
                    + Arrays.toString(shape));
        }
        byteLength(name, dtype, shape); // rejects shapes whose size overflows a long
    }

    @Override public long[] shape() { return shape.clone(); }

    public int rank() { return shape.length; }

    public long dim(int i) { return shape[i]; }

    /** Number of elements: the product of the dimensions (1 for a scalar). */
    public long numel() { return numel(name, shape); }

    /** Bytes of data: {@code numel() * dtype.byteSize()}. */
    public long byteLength() { return byteLength(name, dtype, shape); }

    static long numel(String name, long[] shape) {
        long n = 1;
        try {
            for (long d : shape) n = Math.multiplyExact(n, d);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("tensor '" + name + "': shape " + Arrays.toString(shape)
                    + " has more elements than fit in 64 bits");
        }
        return n;
    }

    static long byteLength(String name, DType dtype, long[] shape) {
        try {
            return Math.multiplyExact(numel(name, shape), (long) dtype.byteSize());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("tensor '" + name + "': shape " + Arrays.toString(shape) + " of "
                    + dtype + " needs more bytes than fit in 64 bits");
        }
    }

    @Override public boolean equals(Object o) {
        return o instanceof TensorSpec s && name.equals(s.name) && dtype == s.dtype && Arrays.equals(shape, s.shape);
    }

    @Override public int hashCode() { return Objects.hash(name, dtype, Arrays.hashCode(shape)); }

    @Override public String toString() { return name + " " + dtype + Arrays.toString(shape); }
}
