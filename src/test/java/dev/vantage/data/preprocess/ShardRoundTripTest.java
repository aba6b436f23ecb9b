package dev.vantage.data.preprocess;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class ShardRoundTripTest {
    private static List<EncodedExample> examples(int n, int vocab, long seed) {
        Random r = new Random(seed);
        List<EncodedExample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int[] schema = r.ints(1 + r.nextInt(40), 0, vocab).toArray();
            int[] input = r.ints(3 + r.nextInt(30), 0, vocab).toArray();
            out.add(new EncodedExample(schema, input, 1 + r.nextInt(input.length - 1)));
        }
        return out;
    }

    @Test void writesAndReadsBackEqualAcrossShards(@TempDir Path dir) throws Exception {
        List<EncodedExample> written = examples(250, 8192, 1);
        try (ShardWriter w = new ShardWriter(dir, "train", 8192, 100)) {
            for (EncodedExample e : written) w.write(e);
            w.close();
            assertEquals(3, w.shards().size());
        }
        try (ShardReader r = new ShardReader(dir, "train")) {
            assertEquals(250, r.size());
            assertEquals(8192, r.vocabSize());
            for (int i = 0; i < written.size(); i++) assertEquals(written.get(i), r.get(i), "example " + i);
            long tokens = written.stream().mapToLong(e -> e.schemaIds().length + e.inputIds().length).sum();
            assertEquals(tokens, r.totalTokens());
        }
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".tmp")));
        }
    }

    @Test void wideIdsForLargeVocabularies(@TempDir Path dir) throws Exception {
        List<EncodedExample> written = examples(20, 100_000, 2);
        try (ShardWriter w = new ShardWriter(dir, "validation", 100_000, 1000)) {
            for (EncodedExample e : written) w.write(e);
        }
        try (ShardReader r = new ShardReader(dir, "validation")) {
            for (int i = 0; i < written.size(); i++) assertEquals(written.get(i), r.get(i));
        }
    }

    @Test void shuffledOrderIsAPermutationFixedBySeed(@TempDir Path dir) throws Exception {
        List<EncodedExample> written = examples(50, 300, 3);
        try (ShardWriter w = new ShardWriter(dir, "train", 300, 16)) {
            for (EncodedExample e : written) w.write(e);
        }
        try (ShardReader r = new ShardReader(dir, "train")) {
            List<EncodedExample> a = new ArrayList<>(), b = new ArrayList<>(), c = new ArrayList<>();
            r.shuffled(7).forEachRemaining(a::add);
            r.shuffled(7).forEachRemaining(b::add);
            r.shuffled(8).forEachRemaining(c::add);
            assertEquals(a, b);
            assertNotEquals(a, c);
            assertNotEquals(written, a);
            Set<EncodedExample> all = new HashSet<>(written);
            assertEquals(all, new HashSet<>(a));
        }
    }

    @Test void idsOutsideTheVocabAreRefused(@TempDir Path dir) throws Exception {
        try (ShardWriter w = new ShardWriter(dir, "train", 100, 10)) {
            assertThrows(IllegalArgumentException.class, () -> w.write(new EncodedExample(new int[] {5}, new int[] {1, 100, 2}, 1)));
        }
    }

    @Test void corruptShardsAreNamed(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("train-00000.vshard"), new byte[64]);
        var e = assertThrows(IllegalArgumentException.class, () -> new ShardReader(dir, "train"));
        assertTrue(e.getMessage().contains("train-00000.vshard") && e.getMessage().contains("magic"), e.getMessage());
        var none = assertThrows(IllegalArgumentException.class, () -> new ShardReader(dir, "validation"));
        assertTrue(none.getMessage().contains("no validation-*"));
    }

    @Test void lossMaskCoversSqlAndEos() {
        // <bos> q q <sep> s s <eos>: predicting s, s, <eos> from positions 3, 4, 5
        EncodedExample e = new EncodedExample(new int[] {4}, new int[] {1, 20, 21, 3, 30, 31, 2}, 4);
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, 0}, e.lossMask());
    }
}
