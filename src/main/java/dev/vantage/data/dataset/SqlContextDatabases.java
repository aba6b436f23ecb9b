package dev.vantage.data.dataset;

import dev.vantage.engine.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds an executable SQLite database from a row's {@code sql_context} (CREATE TABLE + INSERT
 * statements), once, and caches it on disk as {@code <cache>/<db>.sqlite}. A context SQLite
 * rejects (another dialect's syntax) leaves a {@code <db>.failed} file with the error, so the
 * database counts as missing and is not retried on every run.
 */
final class SqlContextDatabases implements DatabaseLocator {
    private final Path cacheDir;
    private final Function<String, String> contextOf;
    private final LoadReport problems;

    /** @param contextOf the sql_context of a db_id, or null when the db_id is unknown */
    SqlContextDatabases(Path cacheDir, Function<String, String> contextOf, LoadReport problems) {
        this.cacheDir = cacheDir;
        this.contextOf = contextOf;
        this.problems = problems;
    }

    @Override public Optional<Path> sqlitePath(String dbId) {
        if (dbId.isEmpty() || !dbId.matches("[A-Za-z0-9_.-]+") || dbId.startsWith(".")) return Optional.empty();
        Path db = cacheDir.resolve(dbId + ".sqlite");
        if (Files.isRegularFile(db)) return Optional.of(db);
        if (Files.exists(cacheDir.resolve(dbId + ".failed"))) return Optional.empty();
        String context = contextOf.apply(dbId);
        if (context == null) return Optional.empty();
        try {
            return Optional.ofNullable(build(dbId, context, db));
        } catch (IOException e) {
            synchronized (problems) {
                problems.problem(new LoadProblem(db.toString(), "", "", "cannot write the database: " + e.getMessage()));
            }
            return Optional.empty();
        }
    }

    /** The built database, or null when SQLite rejects the context (recorded). */
    private Path build(String dbId, String context, Path db) throws IOException {
        Files.createDirectories(cacheDir);
        Path tmp = Files.createTempFile(cacheDir, dbId + ".", ".tmp");
        try {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp);
                 Statement s = c.createStatement()) {
                s.executeUpdate(context);
            } catch (SQLException e) {
                String message = e.getMessage() == null ? e.toString() : e.getMessage();
                Files.writeString(cacheDir.resolve(dbId + ".failed"), message + "\n", StandardCharsets.UTF_8);
                synchronized (problems) {
                    problems.problem(new LoadProblem("sql_context of " + dbId, "", "sql_context", "SQLite rejects it: " + message));
                }
                return null;
            }
            AtomicFiles.move(tmp, db);
            return db;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
