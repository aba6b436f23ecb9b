package dev.vantage.data.schema;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the committed spider-mini fixture and the optional full Spider data live. */
public final class SpiderFixtures {
    public static final Path MINI = Path.of("src/test/resources/spider-mini");

    private SpiderFixtures() {}

    public static Path miniDb(String dbId) {
        return SqliteDatabases.inDatabaseDir(MINI.resolve("database"), dbId);
    }

    /**
     * The full Spider folder ({@code -Dvantage.data.dir=...}, else {@code ../shared/data} next to the
     * project); skips the calling test with a message when it is absent.
     */
    public static Path fullSpider() {
        String prop = System.getProperty("vantage.data.dir");
        Path base = prop != null ? Path.of(prop) : Path.of("..", "shared", "data");
        Path spider = base.resolve("spider");
        Assumptions.assumeTrue(Files.isRegularFile(spider.resolve("tables.json")),
                "full Spider data not found at " + spider.toAbsolutePath() + " (set -Dvantage.data.dir); skipping full-data test");
        return spider;
    }
}
