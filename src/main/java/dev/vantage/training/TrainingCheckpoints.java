package dev.vantage.training;

import dev.vantage.engine.io.DType;
import dev.vantage.engine.io.SafeTensors;
import dev.vantage.engine.io.TensorSource;
import dev.vantage.model.Checkpoint;
import dev.vantage.model.Param;
import dev.vantage.model.VantageModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A run's checkpoints under {@code <out>/checkpoints/step-NNNNNNNN/}: a complete model directory
 * (config.json, model.safetensors, tokenizer.json, vantage.yaml: the config it was trained with) plus {@code optimizer.safetensors} (AdamW
 * moments {@code m.<name>}, {@code v.<name>}) and {@code state.json}. Each is written in a
 * {@code .partial} directory and renamed into place, so a process killed mid-write leaves the
 * previous checkpoints untouched; the last {@code keep} are kept. {@code <out>/best/} is the model
 * with the best validation figure, replaced as a whole.
 */
public final class TrainingCheckpoints {
    static final String OPTIMIZER = "optimizer.safetensors", STATE = "state.json", TOKENIZER = "tokenizer.json",
            CONFIG = "vantage.yaml";
    private final Path root, best;
    private final Path tokenizer;
    private final String configText;
    private final int keep;

    /** tokenizer and configText (written as vantage.yaml) go into every model directory; either may be null. */
    public TrainingCheckpoints(Path out, Path tokenizer, String configText, int keep) {
        this.root = out.resolve("checkpoints");
        this.best = out.resolve("best");
        this.tokenizer = tokenizer;
        this.configText = configText;
        this.keep = keep;
    }

    public Path bestDir() { return best; }

    /** The newest complete checkpoint, if any. */
    public Optional<Path> latest() {
        if (!Files.isDirectory(root)) return Optional.empty();
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> p.getFileName().toString().matches("step-\\d{8}") && Files.isRegularFile(p.resolve(STATE)))
                    .max(Comparator.comparing(Path::toString));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void save(VantageModel model, AdamW opt, TrainerState state) {
        Path dir = root.resolve(String.format("step-%08d", state.step()));
        writeWhole(dir, tmp -> {
            writeModel(model, tmp);
            Map<String, float[]> moments = new LinkedHashMap<>();
            Map<String, long[]> shapes = new LinkedHashMap<>();
            List<Param> ps = model.params();
            for (int i = 0; i < ps.size(); i++) {
                moments.put("m." + ps.get(i).name, opt.m[i]);
                moments.put("v." + ps.get(i).name, opt.v[i]);
                shapes.put("m." + ps.get(i).name, ps.get(i).shape);
                shapes.put("v." + ps.get(i).name, ps.get(i).shape);
            }
            SafeTensors.write(tmp.resolve(OPTIMIZER), moments, shapes, DType.F32, Map.of("format", "vantage-adamw"));
            Files.writeString(tmp.resolve(STATE), Checkpoint.JSON.writeValueAsString(state));
        });
        prune();
    }

    /** Replaces {@code best/} with this model, whole. */
    public void saveBest(VantageModel model, String trainingJson) {
        writeWhole(best, tmp -> {
            writeModel(model, tmp);
            Files.writeString(tmp.resolve("training.json"), trainingJson);
        });
    }

    public record Restored(VantageModel model, AdamW optimizer, TrainerState state) {}

    /** Loads weights, moments and state from a checkpoint directory. */
    public static Restored restore(Path dir, TrainingConfig config) {
        VantageModel model = Checkpoint.load(dir);
        AdamW opt = new AdamW(model.params(), config);
        TrainerState state;
        try (TensorSource src = SafeTensors.open(dir.resolve(OPTIMIZER))) {
            List<Param> ps = model.params();
            for (int i = 0; i < ps.size(); i++) {
                copy(dir, src, "m." + ps.get(i).name, opt.m[i]);
                copy(dir, src, "v." + ps.get(i).name, opt.v[i]);
            }
            state = Checkpoint.JSON.readValue(dir.resolve(STATE).toFile(), TrainerState.class);
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot read " + STATE + ": " + e.getMessage(), e);
        }
        opt.t = state.adamSteps();
        return new Restored(model, opt, state);
    }

    private static void copy(Path dir, TensorSource src, String name, float[] into) {
        if (!src.contains(name)) throw new IllegalArgumentException(dir.resolve(OPTIMIZER) + ": tensor '" + name + "' is missing");
        float[] v = src.readFloats(name);
        if (v.length != into.length) throw new IllegalArgumentException(dir.resolve(OPTIMIZER) + ": tensor '" + name + "' has " + v.length + " values, expected " + into.length);
        System.arraycopy(v, 0, into, 0, v.length);
    }

    private void writeModel(VantageModel model, Path dir) throws IOException {
        Checkpoint.save(model, dir, DType.F32);
        if (tokenizer != null) Files.copy(tokenizer, dir.resolve(TOKENIZER), StandardCopyOption.REPLACE_EXISTING);
        if (configText != null) Files.writeString(dir.resolve(CONFIG), configText);
    }

    private interface DirWriter { void write(Path dir) throws IOException; }

    /** Builds {@code dir} in a sibling {@code .partial} directory, then swaps it in by renames. */
    private static void writeWhole(Path dir, DirWriter writer) {
        Path tmp = dir.resolveSibling(dir.getFileName() + ".partial"), old = dir.resolveSibling(dir.getFileName() + ".old");
        try {
            deleteTree(tmp);
            Files.createDirectories(tmp);
            writer.write(tmp);
            deleteTree(old);
            if (Files.exists(dir)) Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(old);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir + ": " + e.getMessage(), e);
        }
    }

    private void prune() {
        try (Stream<Path> s = Files.list(root)) {
            List<Path> done = new ArrayList<>(s.filter(p -> p.getFileName().toString().matches("step-\\d{8}")).sorted().toList());
            for (int i = 0; i + keep < done.size(); i++) deleteTree(done.get(i));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(q);
        }
    }
}
