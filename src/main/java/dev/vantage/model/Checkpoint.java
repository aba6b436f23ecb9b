package dev.vantage.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vantage.engine.io.DType;
import dev.vantage.engine.io.SafeTensors;
import dev.vantage.engine.io.TensorInfo;
import dev.vantage.engine.io.TensorSource;
import dev.vantage.engine.io.TensorSpec;
import dev.vantage.engine.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model directory: {@code config.json} plus {@code model.safetensors} (or shards with an index),
 * tensors named and shaped as spec/MODEL.md says. Both files are replaced atomically.
 */
public final class Checkpoint {
    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Shards of at most 4 GiB, as Hugging Face checkpoints commonly do. */
    public static final long MAX_SHARD_BYTES = 4L << 30;

    private Checkpoint() {}

    public static void save(VantageModel m, Path dir, DType dtype) {
        Map<String, Param> byName = m.paramsByName();
        List<TensorSpec> specs = new ArrayList<>();
        for (Param p : m.params()) specs.add(new TensorSpec(p.name, dtype, p.shape));
        writeConfig(m.cfg, dir);
        SafeTensors.write(dir, specs, Map.of("format", "pt", "model_type", "vantage"), MAX_SHARD_BYTES,
                (spec, dst) -> System.arraycopy(byName.get(spec.name()).w, 0, dst, 0, dst.length));
    }

    /** Writes a randomly initialised model one tensor at a time, so models larger than memory work. */
    public static void writeRandom(ModelConfig cfg, Path dir, long seed, DType dtype, double std) {
        if (!Double.isFinite(std) || std < 0) {
            throw new IllegalArgumentException("--std must be a finite number >= 0, got " + std);
        }
        List<ModelLayout.Tensor> layout = ModelLayout.tensors(cfg);
        List<TensorSpec> specs = new ArrayList<>();
        for (ModelLayout.Tensor t : layout) specs.add(new TensorSpec(t.name(), dtype, t.shape()));
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < layout.size(); i++) index.put(layout.get(i).name(), i);
        ModelDirs.replaceWhole(dir, staging -> {
            writeConfig(cfg, staging);
            SafeTensors.write(staging, specs, Map.of("format", "pt", "model_type", "vantage"), MAX_SHARD_BYTES,
                    (spec, dst) -> RandomInit.fill(seed, index.get(spec.name()), spec.rank(), std, dst));
        });
    }

    public static ModelConfig readConfig(Path dir) {
        Path f = dir.resolve("config.json");
        if (!Files.isRegularFile(f)) throw new IllegalArgumentException(dir + ": not a model directory (no config.json)");
        try {
            return JSON.readValue(f.toFile(), ModelConfig.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(f + ": " + e.getMessage(), e);
        }
    }

    private static void writeConfig(ModelConfig cfg, Path dir) {
        try {
            AtomicFiles.writeString(dir.resolve("config.json"), JSON.writeValueAsString(cfg));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve("config.json") + ": " + e.getMessage(), e);
        }
    }

    /** The checkpoint's entry for t, refused with the names when missing or mis-shaped. */
    private static TensorInfo expect(Path dir, TensorSource src, ModelLayout.Tensor t) {
        if (!src.contains(t.name())) throw new IllegalArgumentException(dir + ": tensor '" + t.name() + "' is missing");
        TensorInfo info = src.info(t.name());
        if (!Arrays.equals(info.spec().shape(), t.shape()))
            throw new IllegalArgumentException(dir + ": tensor '" + t.name() + "' has shape " + Arrays.toString(info.spec().shape())
                    + " but the model config implies " + Arrays.toString(t.shape()));
        return info;
    }

    /** A model whose bf16 matrices are read in place from the mapped checkpoint; close it to unmap. */
    public record Mapped(VantageModel model, TensorSource source) implements AutoCloseable {
        @Override public void close() { source.close(); }
    }

    /**
     * Opens a model for inference without copying its bf16 matrices to the heap: they stay
     * memory-mapped (FFM) and the matmuls widen them to float32 while packing. Norms and f32 tensors
     * are read into arrays.
     */
    public static Mapped openMapped(Path dir) {
        ModelConfig cfg = readConfig(dir);
        TensorSource src = SafeTensors.open(dir);
        VantageModel m;
        try {
            m = new VantageModel(cfg, (i, t) -> {
                TensorInfo info = expect(dir, src, t);
                return t.shape().length == 2 && info.spec().dtype() == DType.BF16
                        ? Param.mapped(i, t, src.segment(t.name())) : Param.heap(i, t, src.readFloats(t.name()));
            });
        } catch (RuntimeException e) {
            src.close();
            throw e;
        }
        return new Mapped(m, src);
    }

    /** Loads a model into float32 memory; every tensor must be present with its spec shape, and nothing else. */
    public static VantageModel load(Path dir) {
        return load(dir, readConfig(dir));
    }

    /**
     * Loads the weights of {@code dir} into a model of {@code cfg}, whose shapes they must have: a
     * fine-tuning run may change what does not shape a tensor (dropout, loss coefficients, capacity).
     */
    public static VantageModel load(Path dir, ModelConfig cfg) {
        try (TensorSource src = SafeTensors.open(dir)) {
            VantageModel m = new VantageModel(cfg, (i, t) -> {
                expect(dir, src, t);
                return Param.heap(i, t, src.readFloats(t.name()));
            });
            Set<String> expected = m.paramsByName().keySet();
            for (TensorInfo t : src.tensors())
                if (!expected.contains(t.spec().name()))
                    throw new IllegalArgumentException(dir + ": unexpected tensor '" + t.spec().name() + "' (the model config does not call for it)");
            return m;
        }
    }
}
