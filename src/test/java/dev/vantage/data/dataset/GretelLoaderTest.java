package dev.vantage.data.dataset;

import dev.vantage.data.Example;
import dev.vantage.data.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class GretelLoaderTest {
    @Test void loadsRowsAndBuildsCachedDatabases(@TempDir Path cache) throws Exception {
        GretelLoader gretel = new GretelLoader(TestData.resource("gretel-mini"), cache);
        assertEquals(List.of("test", "train"), gretel.splits());
        LoadedSplit train = gretel.load("train");
        assertEquals(4, train.examples().size());
        assertEquals(6, train.report().rowsRead());
        assertEquals(2, train.report().rowsRejected());
        assertEquals("sql", train.report().firstProblems().get(0).field());
        assertEquals("line 5", train.report().firstProblems().get(0).location());
        assertEquals("line 6", train.report().firstProblems().get(1).location());

        Example e = train.examples().get(3);
        assertEquals("gretel_5100", e.dbId());
        Path db = gretel.databases().sqlitePath(e.dbId()).orElseThrow();
        assertEquals(cache.resolve("gretel_5100.sqlite"), db);
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db); var rs = c.createStatement().executeQuery(e.sql())) {
            assertTrue(rs.next());
            assertEquals(3.2, rs.getDouble(1), 1e-6);
        }
        long modified = Files.getLastModifiedTime(db).toMillis();
        assertEquals(db, gretel.databases().sqlitePath(e.dbId()).orElseThrow());
        assertEquals(modified, Files.getLastModifiedTime(db).toMillis(), "a cached database is not rebuilt");

        // MySQL-only context: reported, remembered as failed, counted as missing
        assertTrue(gretel.databases().sqlitePath("gretel_5099").isEmpty());
        assertTrue(Files.exists(cache.resolve("gretel_5099.failed")));
        assertEquals(1, gretel.databaseProblems().problemCount());
        assertEquals("sql_context", gretel.databaseProblems().firstProblems().getFirst().field());
        assertTrue(gretel.databases().sqlitePath("gretel_424242").isEmpty());
        try (var files = Files.list(cache)) {
            assertTrue(files.noneMatch(f -> f.toString().endsWith(".tmp")), "no temp files left behind");
        }
    }

    @Test void parquetOnlyIsAClearError(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("synthetic_text_to_sql_train.snappy.parquet"), new byte[] {'P', 'A', 'R', '1'});
        GretelLoader gretel = new GretelLoader(dir);
        var e = assertThrows(IllegalArgumentException.class, () -> gretel.load("train"));
        assertTrue(e.getMessage().contains("Parquet"), e.getMessage());
    }
}
