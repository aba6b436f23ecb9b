package dev.vantage.engine.io;

import java.nio.file.Path;

/** Where one tensor's bytes live: the file and the absolute byte offset of its first element in that file. */
public record TensorInfo(TensorSpec spec, Path file, long dataOffset) {
    public String name() { return spec.name(); }

    public DType dtype() { return spec.dtype(); }

    public long byteLength() { return spec.byteLength(); }
}
