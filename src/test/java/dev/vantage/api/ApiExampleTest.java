package dev.vantage.api;

import dev.vantage.inference.GenerationConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Runs the example of docs/API.md, and checks that the page shows exactly this code. */
class ApiExampleTest {
    static String example(Path modelDir) {
        // example:start
        Vantage vantage = Vantage.load(modelDir);              // or Vantage.load() for the bundled model
        Vantage.Database db = Vantage.Database.sqlite(Path.of("examples/concert_singer.sqlite"));
        Vantage.Options options = Vantage.Options.DEFAULT      // greedy, constrained, execution-guided
                .withGeneration(GenerationConfig.beam(4, 1.0, 4, 64));
        Vantage.Result r = vantage.generate("How many singers are from France?", db, options);
        System.out.println(r.sql() + "   (score " + r.score() + ")");
        for (var alternative : r.alternatives())
            System.out.println("  " + alternative.sql() + "  " + alternative.problem());
        // example:end
        return r.sql();
    }

    @Test void theDocumentedExampleRunsAndIsTheOneOnThePage(@TempDir Path tmp) throws Exception {
        assertNotNull(example(TestModels.randomModel(tmp.resolve("model"))));
        List<String> source = Files.readAllLines(Path.of("src/test/java/dev/vantage/api/ApiExampleTest.java"));
        int start = source.indexOf("        // example:start"), end = source.indexOf("        // example:end");
        String page = Files.readString(Path.of("docs/API.md"));
        for (String line : source.subList(start + 1, end))
            assertTrue(page.contains(line.substring(8)), "docs/API.md lacks the example line: " + line.strip());
    }
}
