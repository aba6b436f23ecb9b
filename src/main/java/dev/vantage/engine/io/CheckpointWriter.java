package dev.vantage.engine.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Writes a checkpoint so that a crash at any moment leaves a loadable one: the previous or the new, never a mix.
 *
 * <p>Every file is first written under a hidden temporary name ({@code .tmp-<token>-<name>}) and fsynced; only
 * then are files renamed into place, in an order where a single rename commits the new checkpoint:
 * <ul>
 *   <li>single file: rename onto {@code model.safetensors} (which loaders prefer over an index), then delete an
 *       old index and its shards;</li>
 *   <li>shards: if a new shard would replace a shard the live index uses, that shard is first hard-linked (or
 *       copied) to {@code .prev-<token>-<name>} and the live index atomically repointed at the link, so the old
 *       checkpoint no longer depends on the names about to be overwritten. Then the shards are renamed into
 *       place, then the index (the commit), then stale shards and links are deleted. Over an old single file,
 *       deleting {@code model.safetensors} is the commit.</li>
 * </ul>
 * After the commit, files of the old checkpoint are deleted, and so is any other standard-named shard
 * ({@code model-NNNNN-of-NNNNN.safetensors}) the new checkpoint does not use, as Hugging Face's save does.
 * On failure, files this write created that the live checkpoint does not use are removed; leftovers of a real
 * crash ({@code .tmp-*}, unused {@code .prev-*}) are removed by the next write to the directory. Concurrent writers
 * to one directory are not supported.
 */
final class CheckpointWriter {
    static final String SINGLE_FILE = "model.safetensors";
    static final String INDEX_FILE = ShardIndex.FILE_NAME;
    static final long PROGRESS_MIN_BYTES = 256L << 20;
    private static final String TMP = ".tmp-";
    private static final String PREV = ".prev-";
    private static final Pattern STANDARD_SHARD = Pattern.compile("model-\\d{5}-of-\\d{5}\\.safetensors");

    /** Test seam: called after each commit step; throwing from it simulates a failure or crash there. */
    interface StepHook { void reached(String step); }

    static final CheckpointWriter DEFAULT = new CheckpointWriter(step -> {}, true);

    private final StepHook hook;
    private final boolean cleanupOnFailure;

    CheckpointWriter(StepHook hook, boolean cleanupOnFailure) {
        this.hook = hook;
        this.cleanupOnFailure = cleanupOnFailure;
    }

    /** A model directory: one {@code model.safetensors}, or shards + index when total bytes exceed maxShardBytes. */
    void writeModelDir(Path dir, List<TensorSpec> specs, Map<String, String> metadata, long maxShardBytes,
                       StagedFileWriter.Payload payload) {
        if (maxShardBytes <= 0) throw new IllegalArgumentException("maxShardBytes must be positive: " + maxShardBytes);
        checkUniqueNames(specs);
        List<List<TensorSpec>> shards = planShards(specs, maxShardBytes);
        Transaction tx = new Transaction(dir);
        try (ProgressBar progress = progressBar(dir, specs)) {
            tx.begin();
            LongConsumer written = progress == null ? n -> {} : progress::stepBy;
            if (shards.size() == 1) {
                Path staged = tx.stage(SINGLE_FILE);
                StagedFileWriter.write(staged, dataOrder(shards.getFirst()), metadata, payload, written);
                tx.commitSingle(staged);
            } else {
                List<String> names = ShardIndex.shardNames(shards.size());
                Map<String, String> weightMap = new HashMap<>();
                List<Path> staged = new ArrayList<>();
                long total = 0;
                for (int i = 0; i < shards.size(); i++) {
                    Path s = tx.stage(names.get(i));
                    StagedFileWriter.write(s, dataOrder(shards.get(i)), metadata, payload, written);
                    staged.add(s);
                    for (TensorSpec t : shards.get(i)) {
                        weightMap.put(t.name(), names.get(i));
                        total += t.byteLength();
                    }
                }
                Path index = tx.stageBytes(INDEX_FILE, new ShardIndex(weightMap, total).toJson());
                tx.commitSharded(names, staged, index);
            }
        } catch (IOException e) {
            tx.fail(e);
            throw new UncheckedIOException(dir + ": cannot write checkpoint: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            tx.fail(e);
            throw e;
        }
    }

    /** One safetensors file at an arbitrary path, replaced atomically. */
    void writeFile(Path file, List<TensorSpec> specs, Map<String, String> metadata, StagedFileWriter.Payload payload) {
        checkUniqueNames(specs);
        Path dir = file.toAbsolutePath().getParent();
        Transaction tx = new Transaction(dir);
        try (ProgressBar progress = progressBar(file, specs)) {
            Files.createDirectories(dir);
            Path staged = tx.stage(file.getFileName().toString());
            StagedFileWriter.write(staged, dataOrder(specs), metadata, payload,
                    progress == null ? n -> {} : progress::stepBy);
            tx.move(staged, file.getFileName().toString());
            fsyncDir(dir);
            hook.reached("file-moved");
        } catch (IOException e) {
            tx.fail(e);
            throw new UncheckedIOException(file + ": cannot write: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            tx.fail(e);
            throw e;
        }
    }

    /**
     * Splits tensors, in the given order, into shards of at most maxShardBytes of tensor data (a larger tensor gets
     * a shard of its own); a single shard when everything fits. Tensors are never split.
     */
    static List<List<TensorSpec>> planShards(List<TensorSpec> specs, long maxShardBytes) {
        List<List<TensorSpec>> shards = new ArrayList<>();
        List<TensorSpec> current = new ArrayList<>();
        long bytes = 0;
        for (TensorSpec s : specs) {
            if (!current.isEmpty() && bytes + s.byteLength() > maxShardBytes) {
                shards.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(s);
            bytes += s.byteLength();
        }
        shards.add(current);
        return shards;
    }

    /**
     * Data order inside one file: larger elements first (stable), which keeps every tensor aligned to its element
     * size given the 8-byte-aligned header, as the reference writer does. The reference further sorts by name; we
     * keep the caller's order so files follow the model's layout (identical bytes when callers pass sorted names).
     */
    static List<TensorSpec> dataOrder(List<TensorSpec> specs) {
        List<TensorSpec> sorted = new ArrayList<>(specs);
        sorted.sort(Comparator.comparingInt((TensorSpec s) -> s.dtype().byteSize()).reversed());
        return sorted;
    }

    private static void checkUniqueNames(List<TensorSpec> specs) {
        Set<String> seen = new HashSet<>();
        for (TensorSpec s : specs) {
            if (!seen.add(s.name())) throw new IllegalArgumentException("duplicate tensor name '" + s.name() + "'");
            if (s.name().equals(SafeTensorsHeader.METADATA_KEY)) {
                throw new IllegalArgumentException("tensor name " + SafeTensorsHeader.METADATA_KEY + " is reserved");
            }
        }
    }

    private static ProgressBar progressBar(Path target, List<TensorSpec> specs) {
        long total = specs.stream().mapToLong(TensorSpec::byteLength).sum();
        if (total < PROGRESS_MIN_BYTES) return null;
        return new ProgressBarBuilder().setTaskName("write " + target.getFileName())
                .setInitialMax(total).setUnit(" MiB", 1 << 20).build();
    }

    static void fsyncDir(Path dir) {
        try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
            c.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Some platforms cannot open or sync a directory; the renames are still atomic there.
        }
    }

    /** The checkpoint a loader would see now, and the file names it depends on. */
    record Live(boolean single, Set<String> files) {
        static Live of(Path dir) {
            if (Files.exists(dir.resolve(SINGLE_FILE))) return new Live(true, Set.of(SINGLE_FILE));
            Path index = dir.resolve(INDEX_FILE);
            if (!Files.exists(index)) return new Live(false, Set.of());
            Set<String> files = new LinkedHashSet<>();
            files.add(INDEX_FILE);
            try {
                files.addAll(ShardIndex.read(index).shardFiles());
            } catch (SafeTensorsException e) {
                // An unreadable index protects nothing but itself; its shards cannot be known.
            }
            return new Live(false, files);
        }
    }

    /** The state of one write: its temporary-name token and every file it created, for cleanup on failure. */
    private final class Transaction {
        final Path dir;
        final String token = String.format("%08x", ThreadLocalRandom.current().nextInt());
        final List<Path> created = new ArrayList<>();

        Transaction(Path dir) { this.dir = dir.toAbsolutePath(); }

        /** Creates the directory and removes what crashed writes left behind. */
        void begin() throws IOException {
            Files.createDirectories(dir);
            Set<String> live = Live.of(dir).files();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path p : entries) {
                    String name = p.getFileName().toString();
                    if (name.startsWith(TMP) || (name.startsWith(PREV) && !live.contains(name))) Files.deleteIfExists(p);
                }
            }
        }

        Path stage(String finalName) {
            Path p = dir.resolve(TMP + token + "-" + finalName);
            created.add(p);
            return p;
        }

        Path stageBytes(String finalName, byte[] bytes) throws IOException {
            Path p = stage(finalName);
            try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
                while (b.hasRemaining()) ch.write(b);
                ch.force(true);
            }
            return p;
        }

        /** Renames a staged file into place; the caller decides whether the target counts as created. */
        Path move(Path staged, String finalName) throws IOException {
            Path target = dir.resolve(finalName);
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
            created.remove(staged);
            return target;
        }

        void commitSingle(Path staged) throws IOException {
            created.add(move(staged, SINGLE_FILE));
            fsyncDir(dir);
            hook.reached("single-moved");                      // committed
            deleteStale(Set.of(SINGLE_FILE));
            hook.reached("stale-deleted");
        }

        void commitSharded(List<String> names, List<Path> staged, Path stagedIndex) throws IOException {
            Live before = Live.of(dir);
            if (!before.single()) repointOldIndexAwayFrom(names, before.files());
            for (int i = 0; i < names.size(); i++) {
                created.add(move(staged.get(i), names.get(i)));
                hook.reached("shard-moved:" + names.get(i));
            }
            fsyncDir(dir);
            created.add(move(stagedIndex, INDEX_FILE));
            fsyncDir(dir);
            hook.reached("index-moved");                       // committed, unless a single file shadows the index
            if (before.single()) {
                Files.delete(dir.resolve(SINGLE_FILE));
                fsyncDir(dir);
                hook.reached("single-deleted");                // committed
            }
            Set<String> keep = new HashSet<>(names);
            keep.add(INDEX_FILE);
            deleteStale(keep);
            hook.reached("stale-deleted");
        }

        /**
         * After a commit: deletes what no longer belongs to the checkpoint — an index shadowed by a single file,
         * files an old index referenced, standard-named shards ({@code model-NNNNN-of-NNNNN.safetensors}, as
         * Hugging Face's save does) and {@code .prev-*} links — except {@code keep}. The index goes first, so no
         * index ever names a deleted shard.
         */
        private void deleteStale(Set<String> keep) throws IOException {
            Set<String> stale = new LinkedHashSet<>();
            Path index = dir.resolve(INDEX_FILE);
            if (!keep.contains(INDEX_FILE) && Files.exists(index)) {
                stale.add(INDEX_FILE);
                try {
                    stale.addAll(ShardIndex.read(index).shardFiles());
                } catch (SafeTensorsException e) {
                    // unreadable: only the index itself goes
                }
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path p : entries) {
                    String name = p.getFileName().toString();
                    if (STANDARD_SHARD.matcher(name).matches() || name.startsWith(PREV)) stale.add(name);
                }
            }
            stale.removeAll(keep);
            stale.remove(SINGLE_FILE);
            for (String f : stale) Files.deleteIfExists(dir.resolve(f));
            fsyncDir(dir);
        }

        /** Makes the live sharded checkpoint independent of the shard names this write is about to replace. */
        private void repointOldIndexAwayFrom(List<String> names, Set<String> liveFiles) throws IOException {
            Set<String> collisions = new LinkedHashSet<>(names);
            collisions.retainAll(liveFiles);
            if (collisions.isEmpty()) return;
            Path indexPath = dir.resolve(INDEX_FILE);
            ShardIndex old = ShardIndex.read(indexPath);
            Map<String, String> renamed = new HashMap<>();
            for (String f : collisions) {
                String backup = PREV + token + "-" + f;
                Path b = dir.resolve(backup);
                created.add(b);
                linkOrCopy(dir.resolve(f), b);
                renamed.put(f, backup);
            }
            fsyncDir(dir);
            hook.reached("backups-linked");
            Map<String, String> weightMap = new HashMap<>();
            old.weightMap().forEach((t, f) -> weightMap.put(t, renamed.getOrDefault(f, f)));
            Path repointed = stageBytes("repointed-" + INDEX_FILE, new ShardIndex(weightMap, old.totalSize()).toJson());
            Files.move(repointed, indexPath, StandardCopyOption.ATOMIC_MOVE);
            fsyncDir(dir);
            hook.reached("old-index-repointed");
        }

        private void linkOrCopy(Path from, Path to) throws IOException {
            try {
                Files.createLink(to, from);
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(from, to);
                try (FileChannel c = FileChannel.open(to, StandardOpenOption.WRITE)) { c.force(true); }
            }
        }

        /** Removes this write's files that the live checkpoint does not use; keeps the original failure. */
        void fail(Throwable cause) {
            if (!cleanupOnFailure) return;
            try {
                Set<String> live = Live.of(dir).files();
                for (Path p : created.reversed()) {
                    if (!live.contains(p.getFileName().toString())) Files.deleteIfExists(p);
                }
            } catch (IOException | RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
    }
}
