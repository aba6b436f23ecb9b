package dev.vantage.data.dataset;

import dev.vantage.data.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class JsonlLoaderTest {
    @Test void readsUserDataAgainstADatabaseFolder(@TempDir Path dir) throws Exception {
        Path dbs = dir.resolve("databases");
        Files.createDirectories(dbs.resolve("pets_1"));
        Files.copy(TestData.resource("spider-mini/database/pets_1/pets_1.sqlite"), dbs.resolve("pets_1/pets_1.sqlite"));
        Files.copy(TestData.resource("spider-mini/database/car_1/car_1.sqlite"), dbs.resolve("cars.sqlite"));
        Files.writeString(dir.resolve("train.jsonl"), """
                {"question": "How many pets?", "sql": "SELECT count(*) FROM pets", "db_id": "pets_1"}
                {"question": "How many cars?", "sql": "SELECT count(*) FROM cars_data", "db_id": "cars", "evidence": "cars_data has one row per car", "id": "c1"}

                {"question": "Where?", "db_id": "pets_1"}
                {"question": "Nowhere", "sql": "SELECT 1", "db_id": "ghost"}
                """);
        JsonlLoader mine = new JsonlLoader("mine", dir, dbs);
        assertEquals(List.of("train"), mine.splits());
        LoadedSplit train = mine.load("train");
        assertEquals(3, train.examples().size());
        assertEquals("mine/train/c1", train.examples().get(1).id());
        assertEquals("cars_data has one row per car", train.examples().get(1).evidence());
        assertEquals(Map.of("ghost", 1), train.report().missingDatabases());
        assertEquals("sql", train.report().firstProblems().getFirst().field());
        assertEquals("line 4", train.report().firstProblems().getFirst().location());
        assertTrue(mine.databases().sqlitePath("cars").isPresent());
        assertTrue(Datasets.discover(dir.getParent()).stream().anyMatch(l -> l.name().equals(dir.getFileName().toString())));
    }
}
