package dev.vantage.data.dataset;

import java.nio.file.Path;
import java.util.Optional;

/** Where the SQLite file of a db_id lives; empty when it is not there (counted as a missing database). */
@FunctionalInterface
public interface DatabaseLocator {
    Optional<Path> sqlitePath(String dbId);

    /** The Spider/BIRD layout: {@code root/<db>/<db>.sqlite}. */
    static DatabaseLocator perDatabaseDirectory(Path root) {
        return dbId -> {
            if (dbId.isEmpty() || dbId.contains("/") || dbId.contains("\\") || dbId.startsWith(".")) return Optional.empty();
            Path p = root.resolve(dbId).resolve(dbId + ".sqlite");
            return java.nio.file.Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
        };
    }
}
