package dev.vantage.evaluation.execution;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The safe executor on a second engine, through {@link JdbcUrlConnector}: a DuckDB file (driver in
 * test scope) gets the same treatment as the SQLite tests: only single queries run, the read-only
 * connection refuses writes on its own, endless and huge queries stop, and the file is unchanged.
 */
class DuckDbExecutorTest {
    @TempDir Path dir;
    private Path db;
    private String checksumBefore;
    private Set<Path> filesBefore;
    private SafeExecutor executor;
    private JdbcUrlConnector connector;

    @BeforeEach
    void createDatabase() throws Exception {
        db = dir.resolve("shop.duckdb");
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name VARCHAR, country VARCHAR)");
            s.execute("CREATE TABLE orders (id INTEGER, user_id INTEGER, amount DOUBLE)");
            s.execute("INSERT INTO users VALUES (1, 'Ada', 'France'), (2, 'Bo', 'Peru'), (3, 'Cy', 'France')");
            s.execute("INSERT INTO orders VALUES (1, 1, 10.5), (2, 1, 4.5), (3, 2, 7.0)");
            s.execute("CHECKPOINT");
        }
        checksumBefore = sha256(db);
        filesBefore = files();
        executor = new SafeExecutor(new ExecutionLimits(Duration.ofSeconds(60), 1_000, 1L << 20));
        connector = new JdbcUrlConnector("jdbc:duckdb:" + db);
    }

    @AfterEach
    void databaseUnchanged() throws Exception {
        executor.close();
        assertEquals(checksumBefore, sha256(db), "database file changed");
        assertEquals(filesBefore, files(), "no file may appear or vanish next to the database");
    }

    @Test
    void queriesRun() throws SQLException {
        try (Connection connection = connector.open()) {
            ExecutionOutcome join = executor.execute(connection,
                    "SELECT u.name, sum(o.amount) FROM users u JOIN orders o ON o.user_id = u.id GROUP BY u.name ORDER BY u.name");
            assertTrue(join.isOk(), join.message());
            assertEquals(2, join.result().rows().size());
            assertEquals("Ada", join.result().rows().getFirst().getFirst());
            ExecutionOutcome with = executor.execute(connection,
                    "WITH fr AS (SELECT * FROM users WHERE country = 'France') SELECT count(*) FROM fr");
            assertTrue(with.isOk(), with.message());
            assertEquals(2L, ((Number) with.result().rows().getFirst().getFirst()).longValue());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "DELETE FROM users",
            "UPDATE users SET name = 'x'",
            "INSERT INTO users VALUES (9, 'x', 'y')",
            "CREATE TABLE t (x INTEGER)",
            "DROP TABLE users",
            "ATTACH 'evil.duckdb' AS evil",
            "COPY users TO 'out.csv'",
            "SELECT 1; SELECT 2",
            "INSTALL httpfs",
    })
    void refusesAnythingButOneQuery(String sql) throws SQLException {
        try (Connection connection = connector.open()) {
            ExecutionOutcome outcome = executor.execute(connection, sql);
            assertEquals(ExecutionOutcome.Status.REFUSED, outcome.status(), outcome.message());
        }
    }

    /** With the guard bypassed, the read-only connection refuses writes by itself. */
    @ParameterizedTest
    @ValueSource(strings = {
            "DELETE FROM users",
            "INSERT INTO users VALUES (9, 'x', 'y')",
            "CREATE TABLE t (x INTEGER)",
            "DROP TABLE users",
            "ATTACH 'DIR/evil.duckdb' AS evil",
    })
    void connectionItselfIsReadOnly(String sql) throws SQLException {
        try (Connection connection = connector.open(); Statement statement = connection.createStatement()) {
            assertThrows(SQLException.class, () -> statement.execute(sql.replace("DIR", dir.toString())));
        }
    }

    @Test
    void endlessQueryStopsAtTimeoutAndConnectionStaysUsable() throws SQLException {
        try (Connection connection = connector.open();
             SafeExecutor impatient = new SafeExecutor(new ExecutionLimits(Duration.ofMillis(300), 1_000, 1L << 20))) {
            long t0 = System.nanoTime();
            ExecutionOutcome endless = impatient.execute(connection,
                    "SELECT count(*) FROM range(1000000000) a, range(1000000000) b");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(ExecutionOutcome.Status.TIMEOUT, endless.status(), endless.message() + " after " + ms + " ms");
            ExecutionOutcome after = impatient.execute(connection, "SELECT count(*) FROM users");
            assertTrue(after.isOk(), after.message());
            assertEquals(3L, ((Number) after.result().rows().getFirst().getFirst()).longValue());
        }
    }

    @Test
    void hugeResultsStopAtTheCaps() throws SQLException {
        try (Connection connection = connector.open()) {
            ExecutionOutcome rows = executor.execute(connection, "SELECT * FROM range(100000)");
            assertEquals(ExecutionOutcome.Status.TOO_LARGE, rows.status(), rows.message());
            ExecutionOutcome bytes = executor.execute(connection, "SELECT repeat('x', 100000) FROM range(500)");
            assertEquals(ExecutionOutcome.Status.TOO_LARGE, bytes.status(), bytes.message());
        }
    }

    private Set<Path> files() throws IOException {
        try (var s = Files.list(dir)) {
            return s.collect(Collectors.toSet());
        }
    }

    private static String sha256(Path p) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }
}
