package dev.vantage.model;

import dev.vantage.engine.io.DType;
import dev.vantage.engine.io.SafeTensors;
import dev.vantage.engine.io.TensorInfo;
import dev.vantage.engine.io.TensorSource;
import dev.vantage.engine.io.TensorSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The element-wise mean of the weights of several checkpoints of one run (the same config and
 * tensors), written as a model directory: a cheap ensemble of the last checkpoints of a run, which
 * sits in a flatter region of the loss than any one of them. Tensors are read one at a time from all
 * inputs, so memory holds one tensor per input. The config, tokenizer and run config (vantage.yaml)
 * come from the first input.
 */
public final class CheckpointAverage {
    private static final List<String> CARRIED = List.of("tokenizer.json", "vantage.yaml");

    private CheckpointAverage() {}

    /** Writes the mean of {@code inputs} (at least two model directories) to {@code out} in {@code dtype}, atomically. */
    public static void write(List<Path> inputs, Path out, DType dtype) {
        if (inputs.size() < 2) throw new IllegalArgumentException("averaging needs at least two checkpoints, got " + inputs.size());
        String config = readConfig(inputs.getFirst());
        for (Path in : inputs.subList(1, inputs.size())) {
            if (!readConfig(in).equals(config))
                throw new IllegalArgumentException(in.resolve("config.json") + " differs from " + inputs.getFirst().resolve("config.json")
                        + ": only checkpoints of one model shape can be averaged");
        }
        List<TensorSource> sources = new ArrayList<>();
        try {
            for (Path in : inputs) sources.add(SafeTensors.open(in));
            List<TensorSpec> specs = specs(inputs, sources, dtype);
            ModelDirs.replaceWhole(out, staging -> {
                SafeTensors.write(staging, specs, Map.of("format", "pt", "model_type", "vantage"), Checkpoint.MAX_SHARD_BYTES,
                        (spec, dst) -> mean(sources, spec.name(), dst));
                copy(inputs.getFirst().resolve("config.json"), staging.resolve("config.json"));
                for (String f : CARRIED) {
                    Path src = inputs.getFirst().resolve(f);
                    if (Files.isRegularFile(src)) copy(src, staging.resolve(f));
                }
            });
        } finally {
            for (TensorSource s : sources) s.close();
        }
    }

    /** The first input's tensors in its order; every other input must hold exactly these, with the same shapes. */
    private static List<TensorSpec> specs(List<Path> inputs, List<TensorSource> sources, DType dtype) {
        List<TensorInfo> first = sources.getFirst().tensors();
        List<TensorSpec> specs = new ArrayList<>(first.size());
        for (TensorInfo t : first) specs.add(new TensorSpec(t.name(), dtype, t.spec().shape()));
        for (int i = 1; i < sources.size(); i++) {
            List<TensorInfo> other = sources.get(i).tensors();
            if (other.size() != first.size())
                throw new IllegalArgumentException(inputs.get(i) + " holds " + other.size() + " tensors, " + inputs.getFirst() + " " + first.size());
            for (TensorInfo t : first) {
                if (!sources.get(i).contains(t.name()))
                    throw new IllegalArgumentException(inputs.get(i) + " has no tensor '" + t.name() + "'");
                if (!Arrays.equals(sources.get(i).info(t.name()).spec().shape(), t.spec().shape()))
                    throw new IllegalArgumentException(inputs.get(i) + ": tensor '" + t.name() + "' has shape "
                            + Arrays.toString(sources.get(i).info(t.name()).spec().shape()) + ", not " + Arrays.toString(t.spec().shape()));
            }
        }
        return specs;
    }

    /** dst = the mean over sources of tensor name, summed in double. */
    private static void mean(List<TensorSource> sources, String name, float[] dst) {
        double[] sum = new double[dst.length];
        for (TensorSource s : sources) {
            float[] x = s.readFloats(name);
            for (int i = 0; i < x.length; i++) sum[i] += x[i];
        }
        for (int i = 0; i < dst.length; i++) dst[i] = (float) (sum[i] / sources.size());
    }

    private static String readConfig(Path dir) {
        Path f = dir.resolve("config.json");
        if (!Files.isRegularFile(f)) throw new IllegalArgumentException(dir + " has no config.json: give model directories (checkpoints of `train`)");
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + ": " + e.getMessage(), e);
        }
    }
}
