package dev.vantage.engine.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vantage.engine.Bf16;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsRoundTripTest {
    private static final ValueLayout.OfInt I32_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort I16_LE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    @TempDir Path dir;

    /** Floats with awkward bit patterns: NaN payloads (quiet and signalling), ±0, ±inf, subnormals, ties. */
    static float[] awkward(int n, long seed) {
        int[] special = {0x7FC0_0000, 0x7F80_0001, 0xFFA0_1234, 0x8000_0000, 0x7F80_0000, 0xFF80_0000, 0x0000_0001,
                0x807F_FFFF, 0x3F80_8000, 0x7F7F_FFFF};
        float[] v = new float[n];
        MemorySegment bits = MemorySegment.ofArray(v);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            int b = i < special.length ? special[i] : (rnd.nextInt(4) == 0 ? rnd.nextInt()
                    : Float.floatToRawIntBits((float) rnd.nextGaussian()));
            bits.setAtIndex(ValueLayout.JAVA_INT, i, b);
        }
        return v;
    }

    static int[] rawBits(float[] v) {
        return MemorySegment.ofArray(v).toArray(ValueLayout.JAVA_INT);
    }

    @Test void headerBytesMatchTheReferenceWriter() throws IOException {
        // Known answers from the reference implementation's serialization tests.
        Path a = dir.resolve("a.safetensors");
        SafeTensors.write(a, Map.of("attn.0", new float[] {0, 1, 2, 3, 4, 5}), Map.of("attn.0", new long[] {1, 2, 3}),
                DType.F32, Map.of());
        byte[] bytes = Files.readAllBytes(a);
        String json = "{\"attn.0\":{\"dtype\":\"F32\",\"shape\":[1,2,3],\"data_offsets\":[0,24]}}";
        assertEquals(64, json.length());
        assertEquals(64, bytes[0]);
        assertEquals(json, new String(bytes, 8, 64, StandardCharsets.US_ASCII));
        assertEquals(8 + 64 + 24, bytes.length);

        Path b = dir.resolve("b.safetensors");       // shorter name: header needs 7 padding spaces
        SafeTensors.write(b, Map.of("attn0", new float[] {0, 1, 2, 3, 4, 5}), Map.of("attn0", new long[] {1, 1, 2, 3}),
                DType.F32, Map.of());
        bytes = Files.readAllBytes(b);
        assertEquals(72, bytes[0]);
        assertEquals("{\"attn0\":{\"dtype\":\"F32\",\"shape\":[1,1,2,3],\"data_offsets\":[0,24]}}       ",
                new String(bytes, 8, 72, StandardCharsets.US_ASCII));

        Path c = dir.resolve("c.safetensors");
        SafeTensors.write(c, Map.of(), null, DType.F32, Map.of("framework", "pt"));
        bytes = Files.readAllBytes(c);
        assertEquals(40, bytes[0]);
        assertEquals("{\"__metadata__\":{\"framework\":\"pt\"}}     ", new String(bytes, 8, 40, StandardCharsets.US_ASCII));
        try (TensorSource s = SafeTensors.open(c)) {
            assertEquals(Map.of("framework", "pt"), s.metadata());
            assertTrue(s.tensors().isEmpty());
        }
    }

    @Test void f32RoundTripsBitExactlyIncludingNaNPayloads() {
        float[] v = awkward(10_007, 1);
        Path f = dir.resolve("f32.safetensors");
        SafeTensors.write(f, Map.of("w", v), Map.of("w", new long[] {1, 10_007}), DType.F32, Map.of("step", "12"));
        try (TensorSource s = SafeTensors.open(f)) {
            assertArrayEquals(rawBits(v), rawBits(s.readFloats("w")));
            assertArrayEquals(rawBits(v), s.segment("w").toArray(I32_LE));
            assertArrayEquals(new long[] {1, 10_007}, s.info("w").spec().shape());
            assertEquals(Map.of("step", "12"), s.metadata());
            assertTrue(s.segment("w").isReadOnly());
        }
    }

    @Test void bf16WritesRoundedValuesAndRoundTripsBitExactly() {
        float[] v = awkward(4099, 2);
        Path first = dir.resolve("first.safetensors");
        SafeTensors.write(first, Map.of("w", v), null, DType.BF16, Map.of());
        float[] read;
        short[] stored;
        try (TensorSource s = SafeTensors.open(first)) {
            stored = s.segment("w").toArray(I16_LE);
            for (int i = 0; i < v.length; i++) assertEquals(Bf16.fromFloat(v[i]), stored[i], "element " + i);
            read = s.readFloats("w");
            for (int i = 0; i < v.length; i++) assertEquals(stored[i] << 16, Float.floatToRawIntBits(read[i]));
        }
        Path second = dir.resolve("second.safetensors");      // bf16 -> float -> bf16 must not change a bit
        SafeTensors.write(second, Map.of("w", read), null, DType.BF16, Map.of());
        try (TensorSource s = SafeTensors.open(second)) {
            assertArrayEquals(stored, s.segment("w").toArray(I16_LE));
        }
    }

    @Test void f16AndIntegerTypesRoundTrip() {
        Path f = dir.resolve("mixed.safetensors");
        Map<String, float[]> t = new LinkedHashMap<>();
        t.put("h", new float[] {1.5f, -2f, 65504f, 0x1p-24f});
        SafeTensors.write(f, t, null, DType.F16, Map.of());
        try (TensorSource s = SafeTensors.open(f)) {
            assertArrayEquals(new float[] {1.5f, -2f, 65504f, 0x1p-24f}, s.readFloats("h"));
        }
        Path ints = dir.resolve("ints.safetensors");
        SafeTensors.write(ints, Map.of("ids", new float[] {0, -7, 16_777_216f}), null, DType.I64, Map.of());
        try (TensorSource s = SafeTensors.open(ints)) {
            assertArrayEquals(new long[] {0, -7, 16_777_216},
                    s.segment("ids").toArray(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN)));
            SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> s.readFloats("ids"));
            assertTrue(e.getMessage().contains("'ids' is I64"), e.getMessage());
        }
        SafeTensorsException bad = assertThrows(SafeTensorsException.class,
                () -> SafeTensors.write(dir.resolve("bad.safetensors"), Map.of("mask", new float[] {1, 0.5f}), null,
                        DType.BOOL, Map.of()));
        assertTrue(bad.getMessage().contains("tensor 'mask': element 1 is 0.5, not a valid BOOL"), bad.getMessage());
        assertTrue(Files.notExists(dir.resolve("bad.safetensors")));
    }

    @Test void mixedDtypesStayAlignedToTheirElementSize() {
        List<TensorSpec> specs = List.of(
                new TensorSpec("flag", DType.BOOL, new long[] {3}),
                new TensorSpec("half", DType.BF16, new long[] {5}),
                new TensorSpec("full", DType.F32, new long[] {3}),
                new TensorSpec("ids", DType.I64, new long[] {2}),
                new TensorSpec("scalar", DType.F32, new long[] {}));
        SafeTensors.write(dir, specs, Map.of(), 1 << 20, (spec, dst) -> Arrays.fill(dst, 1));
        try (TensorSource s = SafeTensors.open(dir)) {
            assertEquals(List.of("ids", "full", "scalar", "half", "flag"), s.tensors().stream().map(TensorInfo::name).toList());
            for (TensorInfo t : s.tensors()) {
                assertEquals(0, t.dataOffset() % t.dtype().byteSize(), t.name());
            }
            assertArrayEquals(new float[] {1}, s.readFloats("scalar"));
            assertArrayEquals(new float[] {1, 1, 1, 1, 1}, s.readFloats("half"));
        }
    }

    @Test void shardedCheckpointRoundTripsAndFollowsTheHuggingFaceLayout() throws IOException {
        List<TensorSpec> specs = new ArrayList<>();
        Map<String, float[]> values = new LinkedHashMap<>();
        for (int layer = 0; layer < 5; layer++) {
            for (String part : List.of("attn", "mlp")) {
                String name = "model.layers." + layer + "." + part + ".weight";
                DType dtype = part.equals("attn") ? DType.BF16 : DType.F32;
                specs.add(new TensorSpec(name, dtype, new long[] {16, 25}));
                float[] v = awkward(400, name.hashCode());
                values.put(name, v);
            }
        }
        long perLayer = 400 * 2 + 400 * 4;
        List<String> called = new ArrayList<>();
        SafeTensors.write(dir, specs, Map.of("format", "pt"), 2 * perLayer, (spec, dst) -> {
            called.add(spec.name());
            System.arraycopy(values.get(spec.name()), 0, dst, 0, dst.length);
        });
        assertEquals(specs.size(), called.size());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("model-00001-of-00003.safetensors", "model-00002-of-00003.safetensors",
                            "model-00003-of-00003.safetensors", "model.safetensors.index.json"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        JsonNode index = SafeTensorsHeader.JSON.readTree(dir.resolve(SafeTensors.INDEX_FILE).toFile());
        assertEquals(5 * perLayer, index.path("metadata").path("total_size").asLong());
        assertEquals("model-00001-of-00003.safetensors", index.path("weight_map").path("model.layers.1.mlp.weight").asText());
        assertEquals("model-00003-of-00003.safetensors", index.path("weight_map").path("model.layers.4.attn.weight").asText());
        try (TensorSource s = SafeTensors.open(dir)) {
            assertEquals(10, s.tensors().size());
            assertEquals(Map.of("format", "pt"), s.metadata());
            for (TensorSpec spec : specs) {
                float[] expected = values.get(spec.name());
                float[] actual = s.readFloats(spec.name());
                if (spec.dtype() == DType.F32) {
                    assertArrayEquals(rawBits(expected), rawBits(actual), spec.name());
                } else {
                    for (int i = 0; i < expected.length; i++) {
                        assertEquals(Bf16.fromFloat(expected[i]) << 16, Float.floatToRawIntBits(actual[i]));
                    }
                }
            }
            assertEquals(dir.resolve("model-00002-of-00003.safetensors"), s.info("model.layers.2.mlp.weight").file());
            // Reshard into one file without changing a byte of tensor data.
            Path single = dir.resolve("single");
            SafeTensors.convert(s, single, null, Long.MAX_VALUE);
            try (TensorSource t = SafeTensors.open(single.resolve(SafeTensors.SINGLE_FILE))) {
                for (TensorInfo info : s.tensors()) {
                    assertEquals(-1, s.segment(info.name()).mismatch(t.segment(info.name())), info.name());
                }
            }
        }
    }

    @Test void tensorLargerThanTheShardLimitGetsItsOwnShard() {
        List<List<TensorSpec>> plan = CheckpointWriter.planShards(List.of(
                new TensorSpec("a", DType.F32, new long[] {10}),
                new TensorSpec("big", DType.F32, new long[] {100}),
                new TensorSpec("b", DType.F32, new long[] {10}),
                new TensorSpec("c", DType.F32, new long[] {10})), 80);
        assertEquals(List.of(List.of("a"), List.of("big"), List.of("b", "c")),
                plan.stream().map(s -> s.stream().map(TensorSpec::name).toList()).toList());
    }

    @Test void closingUnmapsAndFurtherAccessFailsCleanly() {
        Path f = dir.resolve("c.safetensors");
        SafeTensors.write(f, Map.of("w", new float[] {1, 2}), null, DType.F32, Map.of());
        TensorSource s = SafeTensors.open(f);
        MemorySegment seg = s.segment("w");
        s.close();
        s.close();   // idempotent
        assertThrows(IllegalStateException.class, () -> seg.get(ValueLayout.JAVA_BYTE, 0));
    }
}
