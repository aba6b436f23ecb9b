package dev.vantage.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vantage.engine.Bf16;
import dev.vantage.engine.io.DType;
import dev.vantage.engine.io.SafeTensors;
import dev.vantage.engine.io.TensorSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CheckpointCommandsTest {
    @TempDir Path dir;

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cli = VantageCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test void convertToBf16ShardsThenInfoListsIt() {
        Path in = dir.resolve("in.safetensors");
        Map<String, float[]> t = new LinkedHashMap<>();
        t.put("a", new float[] {1.00390625f, 2, 3, 4});     // 1 + 2^-8 is a tie: rounds to 1.0 in bf16
        t.put("b", new float[] {5, 6, 7, 8});
        SafeTensors.write(in, t, null, DType.F32, Map.of("format", "pt"));
        Path out = dir.resolve("out");
        Run convert = run("checkpoint-convert", in.toString(), out.toString(), "--dtype", "BF16", "--max-shard-size", "8");
        assertEquals(0, convert.exit, convert.err);
        assertTrue(Files.exists(out.resolve("model-00002-of-00002.safetensors")));
        try (TensorSource s = SafeTensors.open(out)) {
            assertEquals(DType.BF16, s.info("a").dtype());
            assertArrayEquals(new float[] {1, 2, 3, 4}, s.readFloats("a"));
            assertEquals(Bf16.toFloat(Bf16.fromFloat(1.00390625f)), s.readFloats("a")[0]);
        }
        Run info = run("checkpoint-info", out.toString());
        assertEquals(0, info.exit, info.err);
        assertTrue(info.out.contains("2 tensors in 2 file(s)"), info.out);
        assertTrue(info.out.contains("metadata format = pt"), info.out);
    }

    @Test void brokenCheckpointGivesAClearErrorAndExitCode2() throws IOException {
        Path bad = Files.write(dir.resolve("bad.safetensors"), new byte[] {9, 0, 0});
        Run info = run("checkpoint-info", bad.toString());
        assertEquals(2, info.exit);
        assertTrue(info.err.startsWith("error: " + bad + ": file is 3 bytes"), info.err);
    }

    @Test void convertCarriesConfigJsonAndReplacesTheWholeDirectory() throws IOException {
        Path model = Files.createDirectories(dir.resolve("model"));
        SafeTensors.write(model.resolve("model.safetensors"), Map.of("a", new float[] {1, 2}), null, DType.F32, Map.of());
        Files.writeString(model.resolve("config.json"), "{\"d_model\": 2}");
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("model-00001-of-00009.safetensors"), "stale shard of an older model");
        Run convert = run("checkpoint-convert", model.toString(), out.toString(), "--dtype", "BF16");
        assertEquals(0, convert.exit, convert.err);
        assertEquals("{\"d_model\": 2}", Files.readString(out.resolve("config.json")));
        try (var files = Files.list(out)) {
            assertEquals(List.of("config.json", "model.safetensors"),
                    files.map(f -> f.getFileName().toString()).sorted().toList(), "nothing of the old directory is left");
        }
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(".")), "no staging directory left");
        }

        Path notAModel = Files.createDirectories(dir.resolve("home"));
        Files.writeString(notAModel.resolve("notes.txt"), "mine");
        Run refused = run("checkpoint-convert", model.toString(), notAModel.toString());
        assertEquals(2, refused.exit);
        assertTrue(refused.err.contains("is not a model directory (it holds notes.txt)"), refused.err);
        assertTrue(Files.exists(notAModel.resolve("notes.txt")));
    }

    @Test void shardSizesAcceptDecimalAndBinaryUnits() {
        CheckpointConvertCommand.ByteSize size = new CheckpointConvertCommand.ByteSize();
        assertEquals(5_000_000_000L, size.convert("5GB"));
        assertEquals(2L << 30, size.convert("2GiB"));
        assertEquals(500_000_000L, size.convert("500mb"));
        assertEquals(123L, size.convert("123"));
        assertThrows(CommandLine.TypeConversionException.class, () -> size.convert("lots"));
        assertThrows(CommandLine.TypeConversionException.class, () -> size.convert("0"));
    }

    @Test void averageIsTheElementwiseMeanAndRefusesOtherShapes() throws IOException {
        Path a = model("a", new float[] {1, 2, 3, 4}, "{\"d\": 2}"), b = model("b", new float[] {3, 2, 1, 0}, "{\"d\": 2}");
        Files.writeString(a.resolve("tokenizer.json"), "{}");
        Path out = dir.resolve("avg");
        Run avg = run("checkpoint-average", a.toString(), b.toString(), "--out", out.toString());
        assertEquals(0, avg.exit, avg.err);
        try (TensorSource s = SafeTensors.open(out)) {
            assertArrayEquals(new float[] {2, 2, 2, 2}, s.readFloats("w"));
        }
        assertEquals("{\"d\": 2}", Files.readString(out.resolve("config.json")));
        assertEquals("{}", Files.readString(out.resolve("tokenizer.json")));
        Path c = model("c", new float[] {1, 2, 3, 4}, "{\"d\": 4}");
        Run bad = run("checkpoint-average", a.toString(), c.toString(), "--out", dir.resolve("bad").toString());
        assertEquals(2, bad.exit);
        assertTrue(bad.err.contains(c.resolve("config.json") + " differs"), bad.err);
        assertTrue(Files.notExists(dir.resolve("bad")), "nothing written");
    }

    private Path model(String name, float[] w, String config) throws IOException {
        Path m = Files.createDirectories(dir.resolve(name));
        SafeTensors.write(m.resolve("model.safetensors"), Map.of("w", w), null, DType.F32, Map.of());
        Files.writeString(m.resolve("config.json"), config);
        return m;
    }
}
