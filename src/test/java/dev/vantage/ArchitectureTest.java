package dev.vantage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layering of docs/ARCHITECTURE.md, checked on the sources: a top-level package of
 * {@code dev.vantage} uses only packages of a lower rank, never a higher one nor a sibling of the same
 * rank. Imports and fully qualified names in code both count; comments do not.
 */
class ArchitectureTest {
    static final Path SOURCES = Path.of("src", "main", "java", "dev", "vantage");

    /**
     * Lowest first. config carries the model's config and is read by data, so it sits between model
     * and data; a new top-level package must be placed here before it can be used.
     */
    static final Map<String, Integer> RANK = Map.ofEntries(
            Map.entry("engine", 0), Map.entry("model", 2), Map.entry("data", 3),
            Map.entry("training", 4), Map.entry("evaluation", 4), Map.entry("inference", 5), Map.entry("config", 6),
            Map.entry("api", 7), Map.entry("bench", 7), Map.entry("cli", 8), Map.entry("server", 8));

    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.vantage\\.([a-z]+)\\b");

    @Test
    void lowerLayersNeverUseHigherOnes() throws IOException {
        List<String> v = violations(SOURCES);
        assertTrue(v.isEmpty(), "layering violations:\n" + String.join("\n", v));
    }

    @Test
    void theCheckSeesImportsAndQualifiedNamesButNotComments(@TempDir Path root) throws IOException {
        write(root, "engine/Kernel.java", """
                package dev.vantage.engine;
                import dev.vantage.model.VantageModel;           // engine below model: wrong
                /** Mentions dev.vantage.cli in a comment only: fine. */
                class Kernel { Object o = new dev.vantage.inference.Generator(null, null); }
                """);
        write(root, "training/Trainer.java", "package dev.vantage.training;\nimport dev.vantage.evaluation.X;\nclass Trainer {}\n");
        write(root, "api/Api.java", "package dev.vantage.api;\nimport dev.vantage.inference.Y;\nimport dev.vantage.engine.Z;\nclass Api {}\n");
        write(root, "newpkg/N.java", "package dev.vantage.newpkg;\nclass N {}\n");
        assertEquals(List.of(
                "engine/Kernel.java:2: engine (rank 0) uses model (rank 2)",
                "engine/Kernel.java:4: engine (rank 0) uses inference (rank 5)",
                "newpkg/N.java: package newpkg has no rank in ArchitectureTest.RANK",
                "training/Trainer.java:2: training (rank 4) uses evaluation (rank 4)"), violations(root));
    }

    /** One line per reference that goes up or sideways, sorted: "path:line: from (rank) uses to (rank)". */
    static List<String> violations(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        for (Path file : files) {
            String rel = root.relativize(file).toString().replace('\\', '/');
            String from = rel.substring(0, Math.max(0, rel.indexOf('/')));
            Integer rank = RANK.get(from);
            if (rank == null) {
                out.add(rel + ": package " + from + " has no rank in ArchitectureTest.RANK");
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            boolean inComment = false;
            for (int i = 0; i < lines.size(); i++) {
                String code = lines.get(i);
                // Drop comments: block comments (including Javadoc) across lines, then line comments.
                StringBuilder kept = new StringBuilder();
                int at = 0;
                while (at < code.length()) {
                    if (inComment) {
                        int end = code.indexOf("*/", at);
                        if (end < 0) { at = code.length(); break; }
                        inComment = false;
                        at = end + 2;
                    } else {
                        int block = code.indexOf("/*", at), line = code.indexOf("//", at);
                        if (line >= 0 && (block < 0 || line < block)) { kept.append(code, at, line); break; }
                        if (block < 0) { kept.append(code, at, code.length()); break; }
                        kept.append(code, at, block);
                        inComment = true;
                        at = block + 2;
                    }
                }
                Matcher m = REFERENCE.matcher(kept);
                while (m.find()) {
                    String to = m.group(1);
                    if (to.equals(from)) continue;
                    Integer target = RANK.get(to);
                    if (target == null || target >= rank)
                        out.add(rel + ":" + (i + 1) + ": " + from + " (rank " + rank + ") uses " + to + " (rank " + (target == null ? "none" : target) + ")");
                }
            }
        }
        return out;
    }

    private static void write(Path root, String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }
}
