package dev.vantage.evaluation.spider;

import dev.vantage.evaluation.execution.ExecutionLimits;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Paths of the committed spider-mini fixture, and of the full Spider data when it is on this machine. */
final class SpiderFixture {
    private SpiderFixture() {
    }

    static Path mini() {
        try {
            return Path.of(SpiderFixture.class.getResource("/spider-mini").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ../shared/data/spider from the project root, or the vantage.data.dir property; null when absent. */
    static Path fullSpider() {
        String property = System.getProperty("vantage.data.dir");
        Path data = property != null ? Path.of(property) : Path.of("..", "shared", "data");
        Path spider = data.resolve("spider");
        return Files.isDirectory(spider.resolve("database")) ? spider : null;
    }

    static SpiderEvaluator.Options options(EvalType type) {
        return new SpiderEvaluator.Options(type, false, 2, new ExecutionLimits(Duration.ofSeconds(30), 200_000, 128L << 20), false);
    }
}
