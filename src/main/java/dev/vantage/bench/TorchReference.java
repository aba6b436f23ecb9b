package dev.vantage.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vantage.model.Checkpoint;
import dev.vantage.model.ModelConfig;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the bundled PyTorch script (bench/torch_train_step.py) on the same shape, so the training
 * benchmark reports a ratio measured in the same run. Returns null when no python3 imports torch;
 * a python that has torch but fails on the script is reported with its last error line.
 */
final class TorchReference {
    private TorchReference() {}

    static JsonNode trainStep(ModelConfig cfg, int rows, int dec, int schema, int steps, int threads) {
        try (InputStream in = TorchReference.class.getResourceAsStream("/bench/torch_train_step.py")) {
            Path script = Files.createTempFile("vantage-torch-", ".py");
            try {
                Files.write(script, in.readAllBytes());
                for (String python : List.of("python3", "/usr/bin/python3")) {
                    ProcessBuilder pb = new ProcessBuilder(python, script.toString(), Checkpoint.JSON.writeValueAsString(cfg),
                            Integer.toString(rows), Integer.toString(dec), Integer.toString(schema), Integer.toString(steps),
                            Integer.toString(threads));
                    // Passive OpenMP waiting: spinning threads would steal the cores the timing needs.
                    pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
                    pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
                    pb.environment().remove("OPENBLAS_CORETYPE");
                    Path err = Files.createTempFile("vantage-torch-", ".err");
                    pb.redirectError(err.toFile());
                    Process p;
                    try {
                        p = pb.start();
                    } catch (java.io.IOException e) {
                        continue;
                    }
                    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                    if (!p.waitFor(30, TimeUnit.MINUTES)) { p.destroyForcibly(); continue; }
                    String errors = Files.readString(err);
                    Files.deleteIfExists(err);
                    if (p.exitValue() == 0 && out.startsWith("{")) return Checkpoint.JSON.readTree(out.lines().reduce((a, b) -> b).orElse(out));
                    if (!errors.contains("No module named 'torch'"))
                        System.out.println("PyTorch reference (" + python + ") failed: "
                                + errors.strip().lines().reduce((a, b) -> b).orElse("exit code " + p.exitValue()));
                }
            } finally {
                Files.deleteIfExists(script);
            }
        } catch (Exception e) {
            return null;
        }
        return null;
    }
}
