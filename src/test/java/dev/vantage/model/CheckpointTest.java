package dev.vantage.model;

import dev.vantage.config.VantageConfig;
import dev.vantage.engine.io.DType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class CheckpointTest {
    static ModelConfig micro() { return ModelGradientCheckTest.micro(2, 0); }

    @Test void layoutNamesTheModelsTensorsInOrder() {
        for (String name : List.of("tiny", "bench-tiny")) {
            ModelConfig c = VantageConfig.load(name).model();
            VantageModel m = new VantageModel(c);
            List<ModelLayout.Tensor> layout = ModelLayout.tensors(c);
            assertEquals(layout.size(), m.params().size());
            long total = 0;
            for (int i = 0; i < layout.size(); i++) {
                assertEquals(layout.get(i).name(), m.params().get(i).name);
                assertArrayEquals(layout.get(i).shape(), m.params().get(i).shape);
                total += m.params().get(i).size();
            }
            assertEquals(ModelLayout.count(c).total(), total);
        }
    }

    @Test void aConfigTooLargeToCountFailsInsteadOfCountingNegative() {
        ModelConfig c = VantageConfig.load("tiny").model();
        ModelConfig huge = new ModelConfig("vantage", c.vocabSize(), 2_000_000_000, c.numHiddenLayers(), 1000, 1000, 1000, 2,
                2_000_000_000, 0, 0.01, 0.001, 2, 1024, 4, 512, 10000, 1e-5, 0, 0, 0, true);
        var e = assertThrows(IllegalArgumentException.class, () -> ModelLayout.count(huge));
        assertTrue(e.getMessage().contains("too many to count"), e.getMessage());
    }

    @Test void nominalSizesWithinFivePercent() {
        double[][] want = {{2e9}, {8e9}, {24e9}};
        String[] names = {"small", "medium", "large"};
        for (int i = 0; i < names.length; i++) {
            ModelLayout.Counts n = ModelLayout.count(VantageConfig.load(names[i]).model());
            assertEquals(1.0, n.total() / want[i][0], 0.05, names[i] + " has " + n.total());
            assertEquals(0.125 * (16.0 / VantageConfig.load(names[i]).model().numLocalExperts()),
                    (double) n.expertActive() / n.expertTotal(), 1e-9);
        }
    }

    @Test void f32RoundTripIsBitForBit(@TempDir Path dir) {
        VantageModel m = new VantageModel(micro());
        m.initRandom(5, 0.1);
        Checkpoint.save(m, dir, DType.F32);
        VantageModel back = Checkpoint.load(dir);
        assertEquals(m.cfg, back.cfg);
        for (int i = 0; i < m.params().size(); i++) {
            float[] a = m.params().get(i).w, b = back.params().get(i).w;
            for (int j = 0; j < a.length; j++) assertEquals(Float.floatToRawIntBits(a[j]), Float.floatToRawIntBits(b[j]), m.params().get(i).name);
        }
    }

    @Test void bf16SaveLoadSaveIsStable(@TempDir Path dir) throws IOException {
        VantageModel m = new VantageModel(micro());
        m.initRandom(6, 0.1);
        Checkpoint.save(m, dir.resolve("a"), DType.BF16);
        VantageModel once = Checkpoint.load(dir.resolve("a"));
        Checkpoint.save(once, dir.resolve("b"), DType.BF16);
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/model.safetensors")), Files.readAllBytes(dir.resolve("b/model.safetensors")));
        for (int i = 0; i < m.params().size(); i++) {
            float[] a = m.params().get(i).w, b = once.params().get(i).w;
            for (int j = 0; j < a.length; j++) assertEquals(a[j], b[j], Math.abs(a[j]) / 128 + 1e-30);
        }
    }

    @Test void streamedInitEqualsInMemoryInit(@TempDir Path dir) {
        Checkpoint.writeRandom(micro(), dir, 42, DType.F32, 0.02);
        VantageModel streamed = Checkpoint.load(dir);
        VantageModel mem = new VantageModel(micro());
        mem.initRandom(42, 0.02);
        for (int i = 0; i < mem.params().size(); i++) assertArrayEquals(mem.params().get(i).w, streamed.params().get(i).w);
    }

    @Test void truncatedCheckpointIsRefusedAndNamed(@TempDir Path dir) throws IOException {
        VantageModel m = new VantageModel(micro());
        Checkpoint.save(m, dir, DType.F32);
        Path f = dir.resolve("model.safetensors");
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) { ch.truncate(ch.size() - 100); }
        Exception e = assertThrows(RuntimeException.class, () -> Checkpoint.load(dir));
        assertTrue(e.getMessage().contains("model.safetensors"), e.getMessage());
    }

    @Test void configMismatchIsNamed(@TempDir Path dir) throws IOException {
        Checkpoint.save(new VantageModel(micro()), dir, DType.F32);
        Path cfg = dir.resolve("config.json");
        Files.writeString(cfg, Files.readString(cfg).replace("\"moe_intermediate_size\" : 8", "\"moe_intermediate_size\" : 9"));
        Exception e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(dir));
        assertTrue(e.getMessage().contains("w1.weight") && e.getMessage().contains("shape"), e.getMessage());
    }

    @Test void badConfigNamesTheKey(@TempDir Path dir) throws IOException {
        Checkpoint.save(new VantageModel(micro()), dir, DType.F32);
        Path cfg = dir.resolve("config.json");
        Files.writeString(cfg, Files.readString(cfg).replace("\"num_key_value_heads\" : 2", "\"num_key_value_heads\" : 3"));
        Exception e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(dir));
        assertTrue(e.getMessage().contains("num_key_value_heads"), e.getMessage());
    }

    @Test void mappedBf16ForwardEqualsHeapForward(@TempDir Path dir) {
        Checkpoint.writeRandom(micro(), dir, 9, DType.BF16, 0.2);
        Batch b = ModelGradientCheckTest.batch(micro().vocabSize(), 4);
        TrainingState.Output heap = new TrainingState(Checkpoint.load(dir)).forwardDropless(b);
        try (Checkpoint.Mapped mapped = Checkpoint.openMapped(dir)) {
            TrainingState.Output out = new TrainingState(mapped.model()).forwardDropless(b);
            assertEquals(heap.loss(), out.loss(), 1e-6 * Math.abs(heap.loss()));
            assertArrayEquals(heap.lastLogits(), out.lastLogits(), 1e-5f);
            assertArrayEquals(heap.expertCounts(), out.expertCounts());
        }
    }
}
