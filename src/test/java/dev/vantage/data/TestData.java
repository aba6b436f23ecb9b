package dev.vantage.data;

import org.junit.jupiter.api.Assumptions;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the test fixtures and (when present) the full datasets are. */
public final class TestData {
    private TestData() {}

    /** A folder under src/test/resources. */
    public static Path resource(String name) {
        try {
            return Path.of(TestData.class.getResource("/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no test resource " + name, e);
        }
    }

    /**
     * The full Spider data ({@code ../shared/data/spider} beside the project, or
     * {@code -Dvantage.data.dir=DIR}); skips the calling test when it is absent.
     */
    public static Path fullSpider() {
        String prop = System.getProperty("vantage.data.dir");
        Path data = prop != null ? Path.of(prop) : Path.of("").toAbsolutePath().getParent().resolve("shared/data");
        Path spider = data.resolve("spider");
        Assumptions.assumeTrue(Files.isRegularFile(spider.resolve("train_spider.json")),
                "full Spider data not found at " + spider + " (set -Dvantage.data.dir); skipping");
        return spider;
    }
}
