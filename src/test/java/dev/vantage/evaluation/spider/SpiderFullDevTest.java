package dev.vantage.evaluation.spider;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Gold against itself on all of Spider dev; needs ../shared/data (or -Dvantage.data.dir), skipped otherwise. */
class SpiderFullDevTest {

    @Test
    void goldAgainstItselfOnFullDev() throws IOException {
        Path spider = SpiderFixture.fullSpider();
        assumeTrue(spider != null, "Spider data not found at ../shared/data/spider (set -Dvantage.data.dir): full-dev test skipped");
        List<GoldQuery> gold = SpiderFiles.readGold(spider.resolve("dev_gold.sql"));
        var keys = SpiderFiles.readForeignKeys(spider.resolve("tables.json"));
        SpiderEvaluator.Run run = new SpiderEvaluator(spider.resolve("database"), keys, SpiderFixture.options(EvalType.ALL))
                .evaluate(gold, gold.stream().map(GoldQuery::sql).toList());
        assertEquals(1034, gold.size());
        assertEquals(62, run.skipped(), "wta_1 is missing from the shared data");
        assertEquals(972, run.scores().get("all").count());
        assertEquals(1.0, run.scores().get("all").exact());
        assertEquals(1.0, run.scores().get("all").exec());
        assertEquals(1.0, run.validSqlRate());
    }
}
