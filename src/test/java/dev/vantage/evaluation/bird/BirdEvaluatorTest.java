package dev.vantage.evaluation.bird;

import dev.vantage.evaluation.execution.ExecutionLimits;
import dev.vantage.evaluation.spider.GoldQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BIRD scoring on the spider-mini databases, which have BIRD's folder layout (db/db.sqlite). */
class BirdEvaluatorTest {
    private static final Path DATABASES;

    static {
        try {
            DATABASES = Path.of(BirdEvaluatorTest.class.getResource("/spider-mini/database").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BirdEvaluator evaluator(int vesIterations) {
        return new BirdEvaluator(DATABASES, new BirdEvaluator.Options(2,
                new ExecutionLimits(Duration.ofSeconds(30), 100_000, 64L << 20), vesIterations, false));
    }

    private static final List<GoldQuery> GOLD = List.of(
            new GoldQuery(1, "SELECT name FROM singer WHERE age > 30", "concert_singer"),
            new GoldQuery(2, "SELECT count(*) FROM singer", "concert_singer"),
            new GoldQuery(3, "SELECT country, count(*) FROM singer GROUP BY country", "concert_singer"),
            new GoldQuery(4, "SELECT avg(weight) FROM pets", "pets_1"),
            new GoldQuery(5, "SELECT 1", "no_such_db"));

    @Test
    void setSemanticsIgnoreOrderAndDuplicatesButNotColumns() {
        List<String> preds = List.of(
                "SELECT name FROM singer WHERE age > 30 UNION ALL SELECT name FROM singer WHERE age > 30 ORDER BY name DESC",
                "SELECT count(singer_id) FROM singer",
                "SELECT count(*), country FROM singer GROUP BY country",
                "DELETE FROM pets",
                "SELECT 1");
        BirdEvaluator.Run run = evaluator(0).evaluate(GOLD, preds, List.of("simple", "simple", "moderate", "challenging", "simple"));
        List<BirdQuestion> q = run.questions();
        assertTrue(q.get(0).correct(), "duplicates and order do not matter in a set");
        assertTrue(q.get(1).correct());
        assertFalse(q.get(2).correct(), "tuples compare column by column: swapped columns differ");
        assertFalse(q.get(3).correct());
        assertTrue(q.get(3).detail().contains("REFUSED"));
        assertTrue(q.get(2).validSql());
        assertFalse(q.get(3).validSql());
        assertTrue(q.get(4).isSkipped());
        assertEquals(4, run.counts().get("total"));
        assertEquals(50.0, run.ex().get("total"));
        assertEquals(100.0, run.ex().get("simple"));
        assertEquals(0.0, run.ex().get("moderate"));
    }

    @Test
    void rvesRewardsOnlyCorrectPredictions() {
        BirdEvaluator.Run run = evaluator(5).evaluate(GOLD.subList(0, 2),
                List.of("SELECT name FROM singer WHERE age > 30", "SELECT 0"), null);
        BirdQuestion correct = run.questions().get(0);
        assertTrue(correct.correct());
        assertTrue(correct.timeRatio() > 0, "a measured ratio");
        assertTrue(List.of(0.25, 0.5, 0.75, 1.0, 1.25).contains(correct.reward()));
        assertEquals(0.0, run.questions().get(1).reward());
        assertEquals((Math.sqrt(correct.reward()) * 100 + 0) / 2, run.ves().get("total"), 1e-9);
    }

    @Test
    void rewardBucketsAndOutliers() {
        assertEquals(1.25, VesReward.reward(2.0));
        assertEquals(1.0, VesReward.reward(1.0));
        assertEquals(0.75, VesReward.reward(0.5));
        assertEquals(0.5, VesReward.reward(0.25));
        assertEquals(0.25, VesReward.reward(0.1));
        assertEquals(0.0, VesReward.reward(0.0));
        List<Double> ratios = new java.util.ArrayList<>(java.util.Collections.nCopies(20, 1.0));
        ratios.set(0, 1.1);
        ratios.add(50.0);
        assertEquals((1.1 + 19) / 20, VesReward.timeRatio(ratios), 1e-12, "the 50x outlier is dropped");
        assertEquals(0.0, VesReward.timeRatio(List.of(1.0, 1.0, 1.0)), "no spread: the official mean is undefined");
        assertEquals(Math.sqrt(1.25) * 50, VesReward.score(List.of(1.25, 0.0)), 1e-9);
    }

    @Test
    void readsOfficialPredictionJson(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("predict_dev.json");
        Files.writeString(file, "{\"0\": \"SELECT 1\\t----- bird -----\\tconcert_singer\", \"1\": \"SELECT 2\", \"2\": 0}");
        assertEquals(List.of("SELECT 1", "SELECT 2", ""), BirdFiles.readPredictions(file));
    }
}
