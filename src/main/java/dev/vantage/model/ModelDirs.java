package dev.vantage.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Replaces a model directory as a whole: the new one is written completely into a hidden sibling
 * directory, then moved into place by renames (the old one aside, the new one in, the old one deleted).
 * A kill while writing leaves the old directory as it was; there is never a directory whose config.json
 * belongs to other weights. (Between the two renames, a matter of microseconds, neither name exists; the
 * complete new directory is then still there under its hidden name.)
 */
public final class ModelDirs {
    /** What a model directory may hold: replacing any other directory would delete someone's files. */
    private static final Pattern MODEL_FILE = Pattern.compile(
            "config\\.json|model[-.0-9a-zA-Z]*\\.safetensors(\\.index\\.json)?|\\..*");

    private ModelDirs() {
    }

    /** Writes a new {@code dir} through {@code writer}, which fills the staging directory it is given. */
    public static void replaceWhole(Path dir, Consumer<Path> writer) {
        Path target = dir.toAbsolutePath().normalize();
        Path parent = target.getParent();
        try {
            checkReplaceable(target);
            Files.createDirectories(parent);
            Path staging = Files.createTempDirectory(parent, "." + target.getFileName() + ".new-");
            try {
                writer.accept(staging);
                swapIn(staging, target);
            } catch (RuntimeException | Error e) {
                deleteTree(staging);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot write the model directory: " + e.getMessage(), e);
        }
    }

    private static void checkReplaceable(Path target) throws IOException {
        if (!Files.exists(target)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new IllegalArgumentException(target + " exists and is not a directory; give a new or model directory");
        }
        try (Stream<Path> entries = Files.list(target)) {
            List<String> foreign = entries.map(p -> p.getFileName().toString())
                    .filter(name -> !MODEL_FILE.matcher(name).matches()).sorted().limit(3).toList();
            if (!foreign.isEmpty()) {
                throw new IllegalArgumentException(target + " is not a model directory (it holds " + String.join(", ", foreign)
                        + "); give a new directory or an existing model directory to replace");
            }
        }
    }

    private static void swapIn(Path staging, Path target) throws IOException {
        if (!Files.exists(target)) {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        Path old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
        Files.delete(old); // only its unique name is wanted
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.move(old, target, StandardCopyOption.ATOMIC_MOVE); // put the old one back
            } catch (FileAlreadyExistsException ignored) {
                // someone else created it meanwhile: keep theirs, leave ours under its hidden name
            }
            throw e;
        }
        deleteTree(old);
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root + ": " + e.getMessage(), e);
        }
    }
}
