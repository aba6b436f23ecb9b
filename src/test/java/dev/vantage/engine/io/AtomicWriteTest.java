package dev.vantage.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write that fails or crashes at any point must leave a loadable checkpoint: all old values or all new, never a
 * mix. Crashes are simulated by a hook that throws at a commit step with cleanup disabled, i.e. the directory is
 * left exactly as a killed process would leave it (short of unflushed data, which fsync covers).
 */
class AtomicWriteTest {
    private static final long SHARDS_3 = 128, SHARDS_2 = 192, SINGLE = Long.MAX_VALUE;

    @TempDir Path dir;

    static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash(String step) { super("simulated crash at " + step); }
    }

    private static List<TensorSpec> specs() {
        List<TensorSpec> specs = new ArrayList<>();
        for (int i = 0; i < 6; i++) specs.add(new TensorSpec("layer." + i + ".weight", DType.F32, new long[] {4, 4}));
        return specs;
    }

    private void write(float value, long maxShard, CheckpointWriter.StepHook hook, boolean cleanup) {
        new CheckpointWriter(hook, cleanup).writeModelDir(dir, specs(), Map.of("v", "" + value), maxShard,
                SafeTensors.fillerPayload((s, d) -> Arrays.fill(d, value)));
    }

    /** The single value every element of every tensor holds; fails if the checkpoint mixes values. */
    private float loadedValue() {
        try (TensorSource s = SafeTensors.open(dir)) {
            Set<Float> seen = new HashSet<>();
            for (TensorSpec spec : specs()) for (float f : s.readFloats(spec.name())) seen.add(f);
            assertEquals(1, seen.size(), "checkpoint mixes values " + seen);
            return seen.iterator().next();
        }
    }

    private Set<String> fileNames() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static Set<String> expectedFiles(long maxShard) {
        if (maxShard == SINGLE) return Set.of(SafeTensors.SINGLE_FILE);
        int n = maxShard == SHARDS_3 ? 3 : 2;
        Set<String> s = new TreeSet<>(ShardIndex.shardNames(n));
        s.add(SafeTensors.INDEX_FILE);
        return s;
    }

    @ParameterizedTest(name = "{0} shard bytes -> {1} shard bytes, commit at {2}")
    @CsvSource({
            "128, 128, index-moved",                 // same shard names: old shards are linked aside first
            "192, 128, index-moved",                 // 2 -> 3 shards: no name collides
            "9223372036854775807, 128, single-deleted",
            "128, 9223372036854775807, single-moved",
            "9223372036854775807, 9223372036854775807, single-moved"})
    void crashAtAnyCommitStepLeavesOldOrNewNeverAMix(long oldShard, long newShard, String commitStep) throws IOException {
        List<String> steps = new ArrayList<>();
        write(1f, oldShard, s -> {}, true);
        write(2f, newShard, steps::add, true);       // records the steps of this kind of write
        assertTrue(steps.contains(commitStep), steps.toString());
        for (boolean cleanup : new boolean[] {false, true}) {
            for (int crashAt = 0; crashAt < steps.size(); crashAt++) {
                String step = steps.get(crashAt);
                write(1f, oldShard, s -> {}, true);
                assertEquals(expectedFiles(oldShard), fileNames());
                SimulatedCrash crash = assertThrows(SimulatedCrash.class, () -> write(2f, newShard, s -> {
                    if (s.equals(step)) throw new SimulatedCrash(s);
                }, cleanup));
                boolean committed = crashAt >= steps.indexOf(commitStep);
                String where = crash.getMessage() + (cleanup ? " with cleanup" : " without cleanup") + ", files " + fileNames();
                assertEquals(committed ? 2f : 1f, loadedValue(), where);
                if (cleanup) {
                    assertTrue(fileNames().stream().noneMatch(f -> f.startsWith(".tmp-")), where);
                }
                // The next write cleans up whatever the crash left behind.
                write(3f, newShard, s -> {}, true);
                assertEquals(3f, loadedValue());
                assertEquals(expectedFiles(newShard), fileNames(), where);
            }
        }
    }

    @Test void fillerFailureMidWriteLeavesTheOldCheckpointByteForByte() throws IOException {
        for (long oldShard : new long[] {SINGLE, SHARDS_3}) {
            write(1f, oldShard, s -> {}, true);
            Map<String, String> before = Crafted.snapshot(dir);
            for (long newShard : new long[] {SINGLE, SHARDS_3, SHARDS_2}) {
                AtomicInteger calls = new AtomicInteger();
                IllegalStateException e = assertThrows(IllegalStateException.class, () ->
                        SafeTensors.write(dir, specs(), Map.of(), newShard, (spec, dst) -> {
                            if (calls.incrementAndGet() == 5) throw new IllegalStateException("filler broke on " + spec.name());
                            Arrays.fill(dst, 2f);
                        }));
                assertEquals("filler broke on layer.4.weight", e.getMessage());
                assertEquals(before, Crafted.snapshot(dir), "old checkpoint changed");
                assertEquals(1f, loadedValue());
            }
        }
    }

    @Test void failedConvenienceWriteKeepsTheOldFileAndLeavesNoTemporaries() throws IOException {
        Path f = dir.resolve("small.safetensors");
        SafeTensors.write(f, Map.of("w", new float[] {1}), null, DType.F32, Map.of());
        Map<String, String> before = Crafted.snapshot(dir);
        assertThrows(SafeTensorsException.class,
                () -> SafeTensors.write(f, Map.of("w", new float[] {Float.NaN}), null, DType.I32, Map.of()));
        assertEquals(before, Crafted.snapshot(dir));
    }
}
