package dev.vantage.evaluation.execution;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same untrusted-SQL checks as {@link SafeExecutorTest}, on a second engine: a DuckDB file reached
 * through {@link JdbcUrlConnector}. Writes, DDL, ATTACH, COPY and multiple statements are refused by the
 * guard, and with the guard bypassed by the connection; host files can be neither read nor written;
 * endless queries are cancelled; the caps hold; the file's checksum is the same afterwards.
 */
class JdbcUrlExecutorTest {
    @TempDir Path dir;
    private Path db;
    private String checksumBefore;
    private SafeExecutor executor;
    private JdbcUrlConnector connector;

    @BeforeEach
    void createDatabase() throws SQLException, IOException {
        db = dir.resolve("pets.duckdb");
        try (Connection writable = DriverManager.getConnection("jdbc:duckdb:" + db);
             Statement statement = writable.createStatement()) {
            statement.execute("CREATE TABLE owners (id INTEGER PRIMARY KEY, name VARCHAR)");
            statement.execute("CREATE TABLE pets (id INTEGER PRIMARY KEY, owner_id INTEGER, kind VARCHAR, "
                    + "weight DOUBLE, fee DECIMAL(6, 2))");
            statement.execute("INSERT INTO owners VALUES (1, 'Ada'), (2, 'Linus')");
            statement.execute("INSERT INTO pets VALUES (1, 1, 'cat', 12.0, 10.50), (2, 1, 'dog', 13.4, 20.00), "
                    + "(3, 2, 'dog', 9.3, 5.25)");
        }
        // Closing checkpoints and removes the write-ahead log: only the database file is left.
        assertEquals(List.of(db), listDir(), "DuckDB left a file besides the database after setup");
        checksumBefore = SafeExecutorTest.sha256(db);
        // Generous: only the endless-query test relies on the timeout, and it uses its own executor.
        executor = new SafeExecutor(new ExecutionLimits(Duration.ofSeconds(60), 1_000, 1L << 20));
        connector = new JdbcUrlConnector("jdbc:duckdb:" + db);
    }

    @AfterEach
    void databaseUnchanged() throws IOException {
        executor.close();
        assertEquals(checksumBefore, SafeExecutorTest.sha256(db), "database file changed");
        // A read-only DuckDB never creates its .wal or its .tmp spill directory next to the file.
        assertEquals(List.of(db), listDir(), "no other file may appear next to the database");
    }

    @Test
    void readsRowsWithTypes() throws SQLException {
        try (Connection connection = connector.open()) {
            ExecutionOutcome outcome = executor.execute(connection,
                    "SELECT o.name, count(*) AS pets, sum(p.id) AS ids, avg(p.weight) AS weight, sum(p.fee) AS fees "
                            + "FROM owners o JOIN pets p ON p.owner_id = o.id GROUP BY o.name ORDER BY o.name");
            assertTrue(outcome.isOk(), outcome.message());
            assertEquals(List.of("name", "pets", "ids", "weight", "fees"), outcome.result().columns());
            // sum over INTEGER is a HUGEINT (BigInteger from the driver), read back as Long like count(*)
            assertEquals(List.of(
                    List.of("Ada", 2L, 3L, 12.7, new BigDecimal("30.50")),
                    List.of("Linus", 1L, 3L, 9.3, new BigDecimal("5.25"))), outcome.result().rows());
        }
    }

    @Test
    void withSelectWorks() throws SQLException {
        try (Connection connection = connector.open()) {
            ExecutionOutcome outcome = executor.execute(connection,
                    "WITH dogs AS (SELECT * FROM pets WHERE kind = 'dog') "
                            + "SELECT o.name FROM dogs d JOIN owners o ON o.id = d.owner_id ORDER BY d.id");
            assertTrue(outcome.isOk(), outcome.message());
            assertEquals(List.of(List.<Object>of("Ada"), List.<Object>of("Linus")), outcome.result().rows());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "DELETE FROM pets",
            "UPDATE pets SET weight = 0",
            "INSERT INTO pets VALUES (9, 1, 'dog', 1, 1)",
            "CREATE TABLE t (x INTEGER)",
            "DROP TABLE pets",
            "ALTER TABLE pets ADD COLUMN y INTEGER",
            "ATTACH 'evil.duckdb' AS evil",
            "COPY pets TO 'out.csv'",
            "COPY (SELECT * FROM pets) TO 'out.parquet' (FORMAT parquet)",
            "INSTALL httpfs",
            "LOAD httpfs",
            "SET enable_external_access = true",
            "CHECKPOINT",
            "SELECT * FROM pets; DELETE FROM pets",
            "SELECT 1; SELECT 2",
            "",
    })
    void refusesAnythingButOneQuery(String sql) throws SQLException {
        try (Connection connection = connector.open()) {
            ExecutionOutcome outcome = executor.execute(connection, sql);
            assertEquals(ExecutionOutcome.Status.REFUSED, outcome.status(), outcome.message());
        }
    }

    /** Not the guard's job any more: the engine's grammar has no such statement, and says so. */
    @ParameterizedTest
    @ValueSource(strings = {
            "WITH gone AS (DELETE FROM pets RETURNING *) SELECT * FROM gone",
    })
    void engineRejectsWritesHiddenInQueries(String sql) throws SQLException {
        try (Connection connection = connector.open()) {
            ExecutionOutcome outcome = executor.execute(connection, sql);
            assertEquals(ExecutionOutcome.Status.ERROR, outcome.status(), outcome.message());
        }
    }

    /** The second line: with the guard bypassed, the connection itself refuses to write, attach or copy out. */
    @ParameterizedTest
    @ValueSource(strings = {
            "DELETE FROM pets",
            "UPDATE pets SET weight = 0",
            "INSERT INTO pets VALUES (9, 1, 'dog', 1, 1)",
            "CREATE TABLE t (x INTEGER)",
            "DROP TABLE pets",
            "ATTACH 'DIR/evil.duckdb' AS evil",
            "ATTACH ':memory:' AS scratch",
            "COPY pets TO 'DIR/out.csv'",
            "COPY (SELECT * FROM pets) TO 'DIR/out.parquet' (FORMAT parquet)",
            "INSTALL httpfs",
            "SET enable_external_access = true",
            "SET memory_limit = '100GB'",
    })
    void connectionItselfIsReadOnly(String sql) throws SQLException {
        try (Connection connection = connector.open(); Statement statement = connection.createStatement()) {
            assertThrows(SQLException.class, () -> statement.execute(sql.replace("DIR", dir.toString())));
        }
    }

    /** Queries that pass the guard but would read host files: DuckDB's external access is off. */
    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT * FROM read_csv('/etc/passwd')",
            "SELECT * FROM read_text('/etc/hostname')",
            "SELECT * FROM glob('/etc/*')",
            "SELECT * FROM 'DIR/pets.duckdb'",
    })
    void hostFilesAreNotReadable(String sql) throws SQLException {
        try (Connection connection = connector.open()) {
            ExecutionOutcome outcome = executor.execute(connection, sql.replace("DIR", dir.toString()));
            assertEquals(ExecutionOutcome.Status.ERROR, outcome.status(), outcome.message());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c",
            "SELECT sum(a.range * b.range) FROM range(1000000000) a, range(1000000000) b",
    })
    void endlessQueryStopsAtTimeoutAndConnectionStaysUsable(String sql) throws SQLException {
        try (Connection connection = connector.open();
             SafeExecutor impatient = new SafeExecutor(new ExecutionLimits(Duration.ofMillis(300), 1_000, 1L << 20))) {
            ExecutionOutcome endless = impatient.execute(connection, sql);
            assertEquals(ExecutionOutcome.Status.TIMEOUT, endless.status(), endless.message());
            System.out.printf("DuckDB endless query stopped after %.0f ms: %s%n", endless.elapsedNanos() / 1e6, sql);
            assertTrue(endless.elapsedNanos() < Duration.ofSeconds(5).toNanos(),
                    "cancel took " + endless.elapsedNanos() / 1_000_000 + " ms");

            ExecutionOutcome after = impatient.execute(connection, "SELECT count(*) FROM pets");
            assertEquals(ExecutionOutcome.Status.OK, after.status(), after.message());
            assertEquals(List.of(List.<Object>of(3L)), after.result().rows());
        }
    }

    /**
     * Streamed results let the cap stop these at once. (An endless recursive CTE selecting rows also hits
     * the cap, but DuckDB first works about 4 s before handing out its first row, so it is not used here.)
     */
    @Test
    void endlessRowsStopAtRowCap() throws SQLException {
        try (Connection connection = connector.open()) {
            ExecutionOutcome many = executor.execute(connection, "SELECT * FROM range(1000000000)");
            assertEquals(ExecutionOutcome.Status.TOO_LARGE, many.status(), many.message());
            ExecutionOutcome cross = executor.execute(connection,
                    "SELECT * FROM range(1000000) a, range(1000000) b");
            assertEquals(ExecutionOutcome.Status.TOO_LARGE, cross.status(), cross.message());
            System.out.printf("DuckDB row cap: range(1e9) %.0f ms, 1e6 x 1e6 cross join %.0f ms%n",
                    many.elapsedNanos() / 1e6, cross.elapsedNanos() / 1e6);
        }
    }

    @Test
    void hugeValuesStopAtByteCap() throws SQLException {
        try (Connection connection = connector.open()) {
            ExecutionOutcome wide = executor.execute(connection, "SELECT range, repeat('x', 10000) FROM range(500)");
            assertEquals(ExecutionOutcome.Status.TOO_LARGE, wide.status(), wide.message());

            ExecutionOutcome fits = executor.execute(connection, "SELECT range, repeat('x', 100) FROM range(500)");
            assertEquals(ExecutionOutcome.Status.OK, fits.status(), fits.message());
            assertEquals(500, fits.result().rows().size());
        }
    }

    @Test
    void pooledConnectionsWork() {
        try (ConnectionPool pool = new ConnectionPool()) {
            for (int i = 0; i < 3; i++) {
                ExecutionOutcome outcome = pool.execute(executor, connector, "SELECT count(*) FROM owners");
                assertEquals(List.of(List.<Object>of(2L)), outcome.result().rows(), outcome.message());
            }
        }
    }

    private List<Path> listDir() throws IOException {
        try (var files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}
