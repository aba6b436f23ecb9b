package dev.vantage.evaluation.wikisql;

import dev.vantage.evaluation.execution.ExecutionLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** WikiSQL scoring on a small database in the benchmark's own layout (table_<id>, columns col0..colN). */
class WikiSqlEvaluatorTest {

    private static Path database(Path dir) throws SQLException {
        Path db = dir.resolve("dev.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE table_1_10015132_11 (col0 text, col1 real, col2 text)");
            s.execute("INSERT INTO table_1_10015132_11 VALUES ('aleksandar radojević', 25, 'serbia'),"
                    + " ('shawn respert', 31, 'united states'), ('quentin richardson', 3, 'united states')");
        }
        return db;
    }

    @Test
    void logicalFormAndExecutionAccuracy(@TempDir Path dir) throws IOException, SQLException {
        Path db = database(dir);
        Path gold = dir.resolve("dev.jsonl");
        Files.writeString(gold, String.join("\n",
                "{\"table_id\": \"1-10015132-11\", \"sql\": {\"sel\": 0, \"agg\": 0, \"conds\": [[2, 0, \"United States\"], [1, 1, \"10\"]]}}",
                "{\"table_id\": \"1-10015132-11\", \"sql\": {\"sel\": 0, \"agg\": 3, \"conds\": [[2, 0, \"Serbia\"]]}}",
                "{\"table_id\": \"1-10015132-11\", \"sql\": {\"sel\": 1, \"agg\": 5, \"conds\": []}}",
                "{\"table_id\": \"1-10015132-11\", \"sql\": {\"sel\": 0, \"agg\": 0, \"conds\": [[1, 0, 25]]}}"));
        Path pred = dir.resolve("pred.jsonl");
        Files.writeString(pred, String.join("\n",
                // same conditions in another order, different case: same logical form
                "{\"query\": {\"sel\": 0, \"agg\": 0, \"conds\": [[1, 1, \"10\"], [2, 0, \"united states\"]]}, \"error\": \"\"}",
                // different aggregate column, same count: right answer, wrong logical form
                "{\"query\": {\"sel\": 2, \"agg\": 3, \"conds\": [[2, 0, \"serbia\"]]}, \"error\": \"\"}",
                "{\"query\": {\"sel\": 1, \"agg\": 4, \"conds\": []}, \"error\": \"\"}",
                "{\"error\": \"could not decode\"}"));
        WikiSqlEvaluator.Run run = WikiSqlEvaluator.evaluate(gold, pred, db, false, 2,
                new ExecutionLimits(Duration.ofSeconds(10), 1000, 1 << 20), false);
        var q = run.questions();
        assertTrue(q.get(0).logicalForm() && q.get(0).execution());
        assertFalse(q.get(1).logicalForm());
        assertTrue(q.get(1).execution());
        assertFalse(q.get(2).logicalForm() || q.get(2).execution());
        assertFalse(q.get(3).logicalForm() || q.get(3).execution());
        assertEquals(0.25, run.lfAccuracy());
        assertEquals(0.5, run.exAccuracy());

        WikiSqlEvaluator.Run ordered = WikiSqlEvaluator.evaluate(gold, pred, db, true, 1,
                new ExecutionLimits(Duration.ofSeconds(10), 1000, 1 << 20), false);
        assertFalse(ordered.questions().get(0).logicalForm(), "--ordered: condition order matters");
    }

    @Test
    void realColumnValuesBecomeNumbers() {
        assertEquals(1234.5, WikiSqlEngine.toNumber("1,234.5"));
        assertEquals(12.0, WikiSqlEngine.toNumber("about 12 points"));
        assertEquals(null, WikiSqlEngine.toNumber("none"));
    }

    @Test
    void badLineNamesFileAndLine(@TempDir Path dir) throws IOException, SQLException {
        Path db = database(dir);
        Path gold = dir.resolve("dev.jsonl");
        Files.writeString(gold, "{\"table_id\": \"1-10015132-11\", \"sql\": {\"sel\": 0}}\n");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> WikiSqlEvaluator.evaluate(gold, gold, db, false, 1, ExecutionLimitsHolder.LIMITS, false));
        assertTrue(e.getMessage().contains("dev.jsonl:1"), e.getMessage());
    }

    private static final class ExecutionLimitsHolder {
        static final ExecutionLimits LIMITS = new ExecutionLimits(Duration.ofSeconds(10), 1000, 1 << 20);
    }
}
