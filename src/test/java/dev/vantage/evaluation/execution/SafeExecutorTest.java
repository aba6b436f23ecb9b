package dev.vantage.evaluation.execution;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Untrusted SQL against a copy of a real Spider database: every write, DDL, ATTACH, PRAGMA write and
 * multi-statement input is refused, endless and huge queries are stopped, and the file's checksum is
 * the same afterwards.
 */
class SafeExecutorTest {
    @TempDir Path dir;
    private Path db;
    private String checksumBefore;
    private SafeExecutor executor;
    private SqliteConnector connector;

    @BeforeEach
    void copyDatabase() throws IOException {
        db = dir.resolve("pets_1.sqlite");
        try (InputStream in = getClass().getResourceAsStream("/spider-mini/database/pets_1/pets_1.sqlite")) {
            Files.copy(in, db);
        }
        checksumBefore = sha256(db);
        // Generous: only the endless-query test relies on the timeout, and it uses its own executor.
        executor = new SafeExecutor(new ExecutionLimits(Duration.ofSeconds(60), 1_000, 1L << 20));
        connector = new SqliteConnector(db);
    }

    @AfterEach
    void databaseUnchanged() throws IOException {
        executor.close();
        assertEquals(checksumBefore, sha256(db), "database file changed");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(db), files.toList(), "no other file may appear next to the database");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "DELETE FROM Pets",
            "UPDATE Pets SET weight = 0",
            "INSERT INTO Pets VALUES (1, 'dog', 1, 1)",
            "DROP TABLE Pets",
            "CREATE TABLE t (x INTEGER)",
            "ALTER TABLE Pets ADD COLUMN y",
            "ATTACH DATABASE 'evil.sqlite' AS evil",
            "PRAGMA user_version = 7",
            "PRAGMA journal_mode = WAL",
            "VACUUM",
            "SELECT * FROM Pets; DELETE FROM Pets",
            "SELECT 1; SELECT 2",
            "",
    })
    void refusesAnythingButOneQuery(String sql) throws SQLException {
        try (Connection connection = connector.open()) {
            ExecutionOutcome outcome = executor.execute(connection, sql);
            assertEquals(ExecutionOutcome.Status.REFUSED, outcome.status(), outcome.message());
        }
    }

    /** Read-only SQLite that a parser-based guard used to refuse: the engine decides, and runs it. */
    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT * FROM Pets WHERE PetType == 'dog'",
            "SELECT 1 = 1 == 1",
            "SELECT * FROM Pets WHERE PetType GLOB 'd*'",
            "SELECT * FROM Pets WHERE PetType NOT GLOB 'd*'",
            "SELECT * FROM Pets WHERE pet_age IS 3",
            "SELECT * FROM Pets WHERE pet_age IS NOT 3",
            "SELECT * FROM Pets WHERE weight NOT NULL",
            "SELECT PetID, sum(weight) OVER (ORDER BY PetID ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM Pets",
            "SELECT PetID, count(*) OVER (ORDER BY pet_age GROUPS BETWEEN 1 PRECEDING AND 1 FOLLOWING EXCLUDE TIES) FROM Pets",
            "SELECT [PetType] FROM [Pets]",
            "SELECT * FROM Pets NOT INDEXED WHERE PetID = 1",
            "VALUES (1, 'a'), (2, 'b')",
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5) SELECT sum(x) FROM c",
            "  -- a comment first\n SELECT count(*) FROM Pets; ",
            "/* block */ SELECT x'00ff', 'it''s' AS \"a;b\" FROM Pets",
    })
    void acceptsReadOnlySqliteTheEngineRuns(String sql) throws SQLException {
        try (Connection connection = connector.open()) {
            ExecutionOutcome outcome = executor.execute(connection, sql);
            assertEquals(ExecutionOutcome.Status.OK, outcome.status(), outcome.message());
        }
    }

    /** Not the guard's job any more: the engine's grammar has no such statement, and says so. */
    @ParameterizedTest
    @ValueSource(strings = {
            "WITH gone AS (DELETE FROM Pets RETURNING *) SELECT * FROM gone",
            "SELECT * INTO Copy FROM Pets",
    })
    void engineRejectsWritesHiddenInQueries(String sql) throws SQLException {
        try (Connection connection = connector.open()) {
            ExecutionOutcome outcome = executor.execute(connection, sql);
            assertEquals(ExecutionOutcome.Status.ERROR, outcome.status(), outcome.message());
        }
    }

    /** The second line: with the guard bypassed, the connection itself refuses to write or attach. */
    @ParameterizedTest
    @ValueSource(strings = {
            "DELETE FROM Pets",
            "INSERT INTO Pets VALUES (99, 'dog', 1, 1)",
            "CREATE TABLE t (x INTEGER)",
            "CREATE TEMP TABLE t AS SELECT * FROM Pets",
            "DROP TABLE Pets",
            "PRAGMA user_version = 7",
            "ATTACH DATABASE 'evil.sqlite' AS evil",
            "VACUUM",
    })
    void connectionItselfIsReadOnly(String sql) throws SQLException {
        String attachTarget = dir.resolve("evil.sqlite").toString();
        try (Connection connection = connector.open(); Statement statement = connection.createStatement()) {
            assertThrows(SQLException.class, () -> statement.execute(sql.replace("evil.sqlite", attachTarget)));
        }
    }

    /** Why the ATTACH limit exists: a plain mode=ro URI lets ATTACH create and write another file. */
    @Test
    void modeRoUriAloneDoesNotStopAttach() throws SQLException, IOException {
        Path evil = dir.resolve("evil.sqlite");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro");
             Statement statement = connection.createStatement()) {
            statement.execute("ATTACH DATABASE '" + evil + "' AS evil");
            statement.execute("CREATE TABLE evil.t (x)");
        }
        assertTrue(Files.exists(evil), "the trap this connector guards against");
        Files.delete(evil);
    }

    @Test
    void endlessQueryStopsAtTimeoutAndConnectionStaysUsable() throws SQLException {
        try (Connection connection = connector.open();
             SafeExecutor impatient = new SafeExecutor(new ExecutionLimits(Duration.ofMillis(300), 1_000, 1L << 20))) {
            ExecutionOutcome endless = impatient.execute(connection,
                    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c");
            assertEquals(ExecutionOutcome.Status.TIMEOUT, endless.status(), endless.message());

            ExecutionOutcome after = impatient.execute(connection, "SELECT count(*) FROM Pets");
            assertEquals(ExecutionOutcome.Status.OK, after.status(), after.message());
            assertEquals(List.of(List.<Object>of(3L)), after.result().rows());
        }
    }

    @Test
    void endlessRowsStopAtRowCap() throws SQLException {
        try (Connection connection = connector.open()) {
            ExecutionOutcome outcome = executor.execute(connection,
                    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c");
            assertEquals(ExecutionOutcome.Status.TOO_LARGE, outcome.status(), outcome.message());
        }
    }

    @Test
    void hugeValuesStopAtByteCap() throws SQLException {
        try (Connection connection = connector.open()) {
            ExecutionOutcome wide = executor.execute(connection,
                    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 500) "
                            + "SELECT x, randomblob(10000) FROM c");
            assertEquals(ExecutionOutcome.Status.TOO_LARGE, wide.status(), wide.message());

            ExecutionOutcome giant = executor.execute(connection, "SELECT zeroblob(1000000000)");
            assertEquals(ExecutionOutcome.Status.ERROR, giant.status(), "SQLite's length limit refuses it");
        }
    }

    /** A sort that spills to temporary files stops at the budget, long before the timeout. */
    @Test
    void temporaryFilesStopAtTheBudget() throws SQLException {
        try (Connection connection = new SqliteConnector(db, 1L << 20).open()) {
            long start = System.nanoTime();
            ExecutionOutcome outcome = executor.execute(connection,
                    "SELECT count(*) FROM (SELECT * FROM Student a, Student b, Student c, Student d ORDER BY random())");
            assertEquals(ExecutionOutcome.Status.TOO_LARGE, outcome.status(), outcome.message());
            assertTrue(outcome.message().contains("temporary files"), outcome.message());
            assertTrue(System.nanoTime() - start < 30_000_000_000L, "stopped by the budget, not the 60 s timeout");
        }
    }

    @Test
    void readsRowsWithTypes() throws SQLException {
        try (Connection connection = connector.open()) {
            ExecutionOutcome outcome = executor.execute(connection,
                    "SELECT PetType, avg(weight), count(*) FROM Pets GROUP BY PetType ORDER BY PetType");
            assertTrue(outcome.isOk(), outcome.message());
            assertEquals(List.of("PetType", "avg(weight)", "count(*)"), outcome.result().columns());
            assertEquals(List.of("cat", 12.0, 1L), outcome.result().rows().getFirst());
        }
    }

    @Test
    void missingFileIsAnErrorAndIsNotCreated() {
        Path missing = dir.resolve("missing.sqlite");
        try (ConnectionPool pool = new ConnectionPool()) {
            ExecutionOutcome outcome = pool.execute(executor, new SqliteConnector(missing), "SELECT 1");
            assertEquals(ExecutionOutcome.Status.ERROR, outcome.status());
        }
        assertFalse(Files.exists(missing));
    }

    @Test
    void poolReusesConnectionsPerDatabase() throws SQLException {
        try (ConnectionPool pool = new ConnectionPool()) {
            Connection first = pool.borrow(connector);
            pool.release(connector, first);
            assertTrue(first == pool.borrow(connector), "the idle connection is handed out again");
        }
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
