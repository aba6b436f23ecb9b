package dev.vantage.cli;

import dev.vantage.api.Vantage;
import dev.vantage.evaluation.execution.JdbcUrlConnector;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The database a question is about, for {@code ask} and {@code shell}: exactly one of --db, --jdbc, --ddl (a picocli arg group). */
final class DatabaseSource {
    @Option(names = "--db", description = "SQLite database file") Path db;
    @Option(names = "--jdbc", description = "JDBC URL of a database (e.g. jdbc:duckdb:/path/file.duckdb)") String jdbc;
    @Option(names = "--ddl", description = "file of CREATE TABLE statements (no execution)") Path ddl;

    /** Schema and values read once; a connector for execution except with --ddl. */
    Vantage.Database open() throws IOException {
        if (db != null) return Vantage.Database.sqlite(db);
        if (jdbc != null) return Vantage.Database.jdbc(new JdbcUrlConnector(jdbc));
        if (!Files.isRegularFile(ddl)) throw new IllegalArgumentException("--ddl " + ddl + ": no such file");
        String name = ddl.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        return Vantage.Database.ddl(name, Files.readString(ddl));
    }
}
