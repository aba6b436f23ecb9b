package dev.vantage.engine.io;

import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and writes checkpoints in the Hugging Face safetensors format: one {@code model.safetensors}, or
 * {@code model-0000i-of-0000N.safetensors} shards with a {@code model.safetensors.index.json}. Reading maps the
 * files (any size); writing streams one tensor at a time and replaces the previous checkpoint atomically.
 * See docs/CHECKPOINT-IO.md.
 */
public final class SafeTensors {
    public static final String SINGLE_FILE = CheckpointWriter.SINGLE_FILE;
    public static final String INDEX_FILE = CheckpointWriter.INDEX_FILE;

    private SafeTensors() {}

    /**
     * Opens a safetensors file, a {@code *.index.json}, or a model directory holding {@code model.safetensors}
     * (preferred, as Hugging Face loaders do) or {@code model.safetensors.index.json}. The headers are validated
     * before anything is mapped; errors name the file and tensor.
     */
    public static TensorSource open(Path fileOrModelDir) {
        if (Files.isDirectory(fileOrModelDir)) {
            Path single = fileOrModelDir.resolve(SINGLE_FILE);
            if (Files.exists(single)) return MappedSafeTensorsFile.open(single);
            Path index = fileOrModelDir.resolve(INDEX_FILE);
            if (Files.exists(index)) return ShardedTensorSource.open(index);
            throw new SafeTensorsException(fileOrModelDir + ": directory has neither " + SINGLE_FILE + " nor " + INDEX_FILE);
        }
        if (!Files.exists(fileOrModelDir)) throw new SafeTensorsException(fileOrModelDir + ": no such file or directory");
        if (fileOrModelDir.getFileName().toString().endsWith(".index.json")) return ShardedTensorSource.open(fileOrModelDir);
        return MappedSafeTensorsFile.open(fileOrModelDir);
    }

    /**
     * Streams a checkpoint into {@code modelDir}, calling {@code filler} once per tensor, so a model larger than
     * RAM can be written (one tensor's floats are in memory at a time). Writes a single {@code model.safetensors}
     * when the tensors total at most {@code maxShardBytes}, else shards of at most that many tensor bytes (a larger
     * tensor gets its own shard) plus the index; tensors go to shards in the given order. {@code metadata} goes
     * into every file's {@code __metadata__}. The previous checkpoint in the directory stays loadable until the new
     * one is complete, and is then removed.
     */
    public static void write(Path modelDir, List<TensorSpec> specs, Map<String, String> metadata, long maxShardBytes,
                             TensorFiller filler) {
        Objects.requireNonNull(filler, "filler");
        CheckpointWriter.DEFAULT.writeModelDir(modelDir, specs, metadata, maxShardBytes, fillerPayload(filler));
    }

    /**
     * Small-model convenience: writes the given tensors, in map order, to one file in one dtype, atomically.
     * A tensor without an entry in {@code shapes} (which may be null) is written as 1-D.
     */
    public static void write(Path file, Map<String, float[]> tensorsInOrder, Map<String, long[]> shapes, DType dtype,
                             Map<String, String> metadata) {
        List<TensorSpec> specs = new ArrayList<>();
        tensorsInOrder.forEach((name, values) -> {
            long[] shape = shapes == null ? null : shapes.get(name);
            TensorSpec spec = new TensorSpec(name, dtype, shape == null ? new long[] {values.length} : shape);
            if (spec.numel() != values.length) {
                throw new IllegalArgumentException("tensor '" + name + "': shape " + java.util.Arrays.toString(shape)
                        + " has " + spec.numel() + " elements but " + values.length + " values were given");
            }
            specs.add(spec);
        });
        CheckpointWriter.DEFAULT.writeFile(file, specs, metadata, spec -> tensorsInOrder.get(spec.name()));
    }

    /**
     * Rewrites a checkpoint into {@code modelDir}: F32/BF16/F16 tensors are converted to {@code floatType} (null
     * keeps each tensor's type), other tensors are copied byte for byte. Used to reshard or change precision.
     */
    public static void convert(TensorSource source, Path modelDir, DType floatType, long maxShardBytes) {
        if (floatType != null && !floatType.isFloatReadable() && floatType != DType.F64) {
            throw new IllegalArgumentException("target float type must be F32, BF16, F16 or F64, not " + floatType);
        }
        Map<String, TensorInfo> infos = new LinkedHashMap<>();
        List<TensorSpec> specs = new ArrayList<>();
        for (TensorInfo t : source.tensors()) {
            DType target = floatType != null && t.dtype().isFloatReadable() ? floatType : t.dtype();
            specs.add(new TensorSpec(t.name(), target, t.spec().shape()));
            infos.put(t.name(), t);
        }
        CheckpointWriter.DEFAULT.writeModelDir(modelDir, specs, source.metadata(), maxShardBytes,
                new StagedFileWriter.Payload() {
                    @Override public float[] floats(TensorSpec spec) { return source.readFloats(spec.name()); }

                    @Override public MemorySegment raw(TensorSpec spec) {
                        return infos.get(spec.name()).dtype() == spec.dtype() ? source.segment(spec.name()) : null;
                    }
                });
    }

    static StagedFileWriter.Payload fillerPayload(TensorFiller filler) {
        return spec -> {
            if (spec.numel() > FloatDecoding.MAX_ARRAY) {
                throw new SafeTensorsException("tensor '" + spec.name() + "' has " + spec.numel()
                        + " elements; a TensorFiller fills a float[], so one tensor is limited to "
                        + FloatDecoding.MAX_ARRAY + " elements");
            }
            float[] values = new float[(int) spec.numel()];
            filler.fill(spec, values);
            return values;
        };
    }
}
