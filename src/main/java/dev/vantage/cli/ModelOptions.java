package dev.vantage.cli;

import dev.vantage.engine.io.DType;
import picocli.CommandLine;

/** Shared option converters. */
final class ModelOptions {
    private ModelOptions() {}

    /** "f32" / "bf16", case-insensitive. */
    static final class DTypeConverter implements CommandLine.ITypeConverter<DType> {
        @Override public DType convert(String s) {
            return switch (s.toLowerCase()) {
                case "f32", "fp32", "float32" -> DType.F32;
                case "bf16", "bfloat16" -> DType.BF16;
                default -> throw new CommandLine.TypeConversionException("dtype must be f32 or bf16, not '" + s + "'");
            };
        }
    }
}
