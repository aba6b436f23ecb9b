package dev.vantage.data.dataset;

import dev.vantage.data.Example;
import dev.vantage.data.TestData;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class BirdLoaderTest {
    private final BirdLoader bird = new BirdLoader(TestData.resource("bird-mini"));

    @Test void findsTheOfficialLayout() {
        assertEquals(List.of("dev"), bird.splits());
        assertTrue(Datasets.open("bird", TestData.resource("bird-mini")).isPresent());
    }

    @Test void loadsExamplesWithEvidenceAndReportsProblems() {
        LoadedSplit dev = bird.load("dev");
        assertEquals(4, dev.examples().size());
        Example e = dev.examples().getFirst();
        assertEquals("bird/dev/89", e.id());
        assertEquals("financial", e.dbId());
        assertTrue(e.evidence().startsWith("A3 contains the data of region"));
        assertTrue(e.sql().startsWith("SELECT COUNT(T2.account_id) FROM district"));
        assertEquals("", dev.examples().get(2).evidence());
        LoadReport r = dev.report();
        assertEquals(Map.of("toxicology", 1), r.missingDatabases());
        assertEquals(1, r.rowsRejected());
        LoadProblem p = r.firstProblems().getFirst();
        assertEquals("SQL", p.field());
        assertTrue(p.location().startsWith("index 4 (line "), p.location());
    }

    @Test void goldSqlRunsOnTheDatabase() throws Exception {
        var path = bird.databases().sqlitePath("financial").orElseThrow();
        assertTrue(Files.isRegularFile(path));
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + path);
             var rs = c.createStatement().executeQuery(bird.load("dev").examples().get(1).sql())) {
            assertTrue(rs.next());
            assertEquals(2, rs.getInt(1));
        }
    }

    @Test void readsColumnDescriptionsInEveryEncoding() {
        Map<String, Map<String, String>> d = bird.columnDescriptions("financial");
        assertEquals(List.of("account", "district", "loan"), List.copyOf(d.keySet()));
        // UTF-8 with BOM, a multi-line quoted value description
        String frequency = d.get("account").get("frequency");
        assertTrue(frequency.startsWith("frequency of the acount; \"POPLATEK MESICNE\" stands for monthly issuance"), frequency);
        assertTrue(d.get("account").containsKey("account_id"), "BOM must not stick to the first header");
        // Windows-1252: 'š' in Kč is byte 0x9a
        assertEquals("average salary; average salary in K\u0161", d.get("district").get("a11"));
        assertEquals("location of branch", d.get("district").get("district_id"));
        // empty column_name, value description appended
        assertEquals("approved amount; unit: US dollar", d.get("loan").get("amount"));
        assertEquals(0, bird.descriptionProblems().problemCount(), bird.descriptionProblems().summary());
        assertEquals(Map.of(), bird.columnDescriptions("toxicology"));
    }
}
