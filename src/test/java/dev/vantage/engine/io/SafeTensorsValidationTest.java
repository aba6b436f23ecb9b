package dev.vantage.engine.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every broken file must fail on open, before mapping or large allocation, with a message naming file and tensor. */
class SafeTensorsValidationTest {
    @TempDir Path dir;

    private String openFails(Path file, String... fragments) {
        SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> SafeTensors.open(file).close());
        String msg = e.getMessage();
        assertTrue(msg.startsWith(file.toString()), "message must start with the file: " + msg);
        for (String f : fragments) assertTrue(msg.contains(f), "expected \"" + f + "\" in: " + msg);
        return msg;
    }

    private static String tensor(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + "," + end + "]}";
    }

    @Test void fileShorterThanTheLengthPrefix() throws IOException {
        Path f = Files.write(dir.resolve("tiny.safetensors"), new byte[] {1, 2, 3});
        openFails(f, "3 bytes", "too short", "truncated");
    }

    @Test void hugeHeaderLengthIsRejectedWithoutAllocating() throws IOException {
        Path f = Crafted.file(dir.resolve("huge.safetensors"), 1L << 40, "{}", 0);
        openFails(f, "header length 1099511627776 exceeds the limit of 100000000 bytes");
        Path g = Crafted.file(dir.resolve("negative.safetensors"), -1L, "{}", 0);   // u64 max
        openFails(g, "header length 18446744073709551615 exceeds");
    }

    @Test void headerLongerThanTheFile() throws IOException {
        Path f = Crafted.file(dir.resolve("short.safetensors"), 5000, "{}", 0);
        openFails(f, "header length 5000 but only 2 bytes follow", "truncated");
    }

    @Test void malformedJson() throws IOException {
        openFails(Crafted.file(dir.resolve("bad.safetensors"), "{\"a\":{\"dtype\":\"F32\",", 0),
                "header is not valid JSON", "line 1");
        openFails(Crafted.file(dir.resolve("array.safetensors"), "[1,2]   ", 0), "header must be a JSON object, found ARRAY");
        openFails(Crafted.file(dir.resolve("trailing.safetensors"), "{} {}   ", 0), "not valid JSON");
        openFails(Crafted.file(dir.resolve("dup.safetensors"),
                "{" + tensor("w", "F32", "[1]", 0, 4) + "," + tensor("w", "F32", "[1]", 4, 8) + "}", 8),
                "not valid JSON", "Duplicate field 'w'");
    }

    @Test void malformedTensorEntries() throws IOException {
        openFails(Crafted.file(dir.resolve("m1.safetensors"), "{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4),
                "tensor 'w': missing \"data_offsets\"");
        openFails(Crafted.file(dir.resolve("m2.safetensors"), "{" + tensor("w", "F32", "[-1]", 0, 4) + "}", 4),
                "tensor 'w': shape must hold non-negative integers", "[-1]");
        openFails(Crafted.file(dir.resolve("m3.safetensors"), "{" + tensor("w", "F32", "[1.5]", 0, 4) + "}", 4),
                "tensor 'w': shape must hold non-negative integers");
        openFails(Crafted.file(dir.resolve("m4.safetensors"),
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", 4),
                "tensor 'w': data_offsets must have 2 entries");
        openFails(Crafted.file(dir.resolve("m5.safetensors"), "{\"w\":[1,2]}", 0), "tensor 'w': expected an object");
    }

    @Test void unknownDtype() throws IOException {
        openFails(Crafted.file(dir.resolve("q.safetensors"), "{" + tensor("model.embed", "Q4_K", "[2]", 0, 2) + "}", 2),
                "tensor 'model.embed': unknown dtype \"Q4_K\"", "supported: F32, BF16");
    }

    @Test void byteLengthMustMatchShapeAndDtype() throws IOException {
        Path f = Crafted.file(dir.resolve("model.safetensors"),
                "{" + tensor("model.norm.weight", "F32", "[256]", 0, 1000) + "}", 1000);
        openFails(f, "tensor 'model.norm.weight': data_offsets [0, 1000] span 1000 bytes but shape [256] of F32 needs 1024 bytes");
    }

    @Test void offsetsPastTheEndOfATruncatedFile() throws IOException {
        Path f = dir.resolve("cut.safetensors");
        Map<String, float[]> tensors = new java.util.LinkedHashMap<>();
        tensors.put("a", new float[4]);
        tensors.put("b", new float[4]);
        SafeTensors.write(f, tensors, null, DType.F32, Map.of());
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 3);
        }
        openFails(f, "tensor 'b': data_offsets [16, 32] run past the end of the data section, which has 29 bytes",
                "truncated");
    }

    @Test void overlapsGapsAndTrailingBytes() throws IOException {
        openFails(Crafted.file(dir.resolve("overlap.safetensors"),
                        "{" + tensor("a", "F32", "[2]", 0, 8) + "," + tensor("b", "F32", "[2]", 4, 12) + "}", 12),
                "tensor 'b': data_offsets [4, 12] overlap tensor 'a', which ends at 8");
        openFails(Crafted.file(dir.resolve("gap.safetensors"),
                        "{" + tensor("a", "F32", "[1]", 0, 4) + "," + tensor("b", "F32", "[1]", 8, 12) + "}", 12),
                "tensor 'b': data_offsets [8, 12] leave a gap of 4 bytes after tensor 'a'");
        openFails(Crafted.file(dir.resolve("trailing.safetensors"), "{" + tensor("a", "F32", "[1]", 0, 4) + "}", 9),
                "data section has 9 bytes but the tensors cover only 4", "after tensor 'a'");
        openFails(Crafted.file(dir.resolve("backwards.safetensors"), "{" + tensor("a", "F32", "[1]", 8, 4) + "}", 9),
                "tensor 'a': data_offsets [8, 4] end before they begin");
    }

    @Test void shapeWhoseSizeOverflows() throws IOException {
        openFails(Crafted.file(dir.resolve("o.safetensors"),
                        "{" + tensor("w", "F32", "[1099511627776,1099511627776]", 0, 4) + "}", 4),
                "tensor 'w': shape [1099511627776, 1099511627776] has more elements than fit in 64 bits");
        openFails(Crafted.file(dir.resolve("o2.safetensors"),
                        "{" + tensor("w", "F64", "[4611686018427387904]", 0, 4) + "}", 4),
                "tensor 'w'", "of F64 needs more bytes than fit in 64 bits");
        openFails(Crafted.file(dir.resolve("o3.safetensors"),
                        "{" + tensor("w", "F32", "[1]", 0, "18446744073709551616".length()) .replace("0,20]", "0,18446744073709551616]") + "}", 4),
                "tensor 'w': data_offsets must hold non-negative integers below 2^63");
    }

    @Test void metadataMustBeStrings() throws IOException {
        openFails(Crafted.file(dir.resolve("meta.safetensors"), "{\"__metadata__\":{\"step\":12}}", 0),
                "__metadata__['step'] must be a string, found 12");
    }

    @Test void missingTensorNamesTensorAndFile() throws IOException {
        Path f = dir.resolve("x.safetensors");
        SafeTensors.write(f, Map.of("a", new float[1]), null, DType.F32, Map.of());
        try (TensorSource s = SafeTensors.open(f)) {
            SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> s.info("lm_head.weight"));
            assertEquals(f + ": no tensor named 'lm_head.weight' (the file has 1 tensors)", e.getMessage());
        }
        SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> SafeTensors.open(dir.resolve("nope")));
        assertTrue(e.getMessage().contains("no such file or directory"), e.getMessage());
        Path empty = Files.createDirectory(dir.resolve("empty"));
        e = assertThrows(SafeTensorsException.class, () -> SafeTensors.open(empty));
        assertTrue(e.getMessage().contains("neither model.safetensors nor model.safetensors.index.json"), e.getMessage());
    }

    private Path sharded() {
        List<TensorSpec> specs = List.of(new TensorSpec("a", DType.F32, new long[] {4}),
                new TensorSpec("b", DType.F32, new long[] {4}), new TensorSpec("c", DType.F32, new long[] {4}));
        Path model = dir.resolve("model");
        SafeTensors.write(model, specs, Map.of(), 16, (s, d) -> {});
        return model;
    }

    private void rewriteIndex(Path model, String from, String to) throws IOException {
        Path index = model.resolve(SafeTensors.INDEX_FILE);
        String json = Files.readString(index);
        assertTrue(json.contains(from), json);
        Files.writeString(index, json.replace(from, to));
    }

    @Test void indexNamingAMissingShard() throws IOException {
        Path model = sharded();
        Files.delete(model.resolve("model-00002-of-00003.safetensors"));
        openFails(model.resolve(SafeTensors.INDEX_FILE),
                "weight_map['b'] names shard 'model-00002-of-00003.safetensors', which does not exist");
    }

    @Test void indexAndShardsDisagree() throws IOException {
        Path model = sharded();
        rewriteIndex(model, "\"c\" : \"model-00003", "\"z\" : \"model-00003");
        String msg = openFails(model.resolve(SafeTensors.INDEX_FILE), "weight_map puts tensor 'z' in 'model-00003-of-00003.safetensors', but that shard has no such tensor");
        Path other = sharded();
        rewriteIndex(other, "\"c\" : \"model-00003", "\"c\" : \"model-00002");
        SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> SafeTensors.open(other).close());
        assertTrue(e.getMessage().contains("weight_map puts tensor 'c' in 'model-00002-of-00003.safetensors'"), e.getMessage() + msg);
    }

    @Test void indexCannotPointOutsideTheDirectory() throws IOException {
        Path model = sharded();
        rewriteIndex(model, "\"a\" : \"model-00001-of-00003.safetensors\"", "\"a\" : \"../../etc/passwd\"");
        openFails(model.resolve(SafeTensors.INDEX_FILE), "weight_map['a'] must be a file name in the same directory");
    }

    @Test void brokenShardIsReportedWithItsOwnName() throws IOException {
        Path model = sharded();
        Path shard = model.resolve("model-00003-of-00003.safetensors");
        try (FileChannel ch = FileChannel.open(shard, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 1);
        }
        SafeTensorsException e = assertThrows(SafeTensorsException.class, () -> SafeTensors.open(model).close());
        assertTrue(e.getMessage().startsWith(shard.toString()) && e.getMessage().contains("tensor 'c'"), e.getMessage());
    }
}
