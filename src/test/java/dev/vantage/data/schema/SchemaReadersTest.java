package dev.vantage.data.schema;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class SchemaReadersTest {
    @TempDir Path tmp;

    @Test
    void readsSpiderMiniTablesJson() {
        Map<String, DatabaseSchema> all = SchemaReaders.fromTablesJson(SpiderFixtures.MINI.resolve("tables.json"));
        assertEquals(List.of("car_1", "concert_singer", "employee_hire_evaluation", "flight_2", "pets_1"),
                all.keySet().stream().sorted().toList());
        DatabaseSchema cs = all.get("concert_singer");
        assertEquals(List.of("stadium", "singer", "concert", "singer_in_concert"), cs.tables().stream().map(Table::name).toList());
        Table singer = cs.table("SINGER").orElseThrow();
        assertEquals("Singer_ID", singer.columns().getFirst().name());
        assertTrue(singer.columns().getFirst().primaryKey());
        assertEquals("number", singer.columns().getFirst().type());
        assertTrue(cs.foreignKeys().contains(new ForeignKey("concert", "Stadium_ID", "stadium", "Stadium_ID")));
    }

    @Test
    void compositePrimaryKeysAsInBird() throws Exception {
        Path f = tmp.resolve("tables.json");
        Files.writeString(f, """
                [{"db_id": "d", "table_names_original": ["a", "b"],
                  "column_names_original": [[-1, "*"], [0, "x"], [0, "y"], [1, "x"]],
                  "column_types": ["text", "NUMBER", "number", "number"],
                  "primary_keys": [[1, 2]], "foreign_keys": [[3, 1]]}]""");
        DatabaseSchema s = SchemaReaders.fromTablesJson(f).get("d");
        assertEquals(List.of("x", "y"), s.table("a").orElseThrow().primaryKey().stream().map(Column::name).toList());
        assertEquals("number", s.table("a").orElseThrow().columns().get(0).type());
        assertEquals(List.of(new ForeignKey("b", "x", "a", "x")), s.foreignKeys());
    }

    @Test
    void malformedTablesJsonNamesFileEntryAndField() throws Exception {
        Path f = tmp.resolve("tables.json");
        Files.writeString(f, """
                [{"db_id": "ok", "table_names_original": ["a"], "column_names_original": [[-1, "*"], [0, "x"]],
                  "column_types": ["text", "text"], "primary_keys": [1], "foreign_keys": []},
                 {"db_id": "bad", "table_names_original": ["a"], "column_names_original": [[-1, "*"], [0, "x"]],
                  "column_types": ["text", "text"], "primary_keys": [], "foreign_keys": [[1, 7]]},
                 {"table_names_original": []}]""");
        SchemaReadException e = assertThrows(SchemaReadException.class, () -> SchemaReaders.fromTablesJson(f));
        assertTrue(e.getMessage().contains("2 malformed entries"), e.getMessage());
        assertTrue(e.getMessage().contains(f + ": entry 1 (db_id 'bad'): field 'foreign_keys[0][1]': column index 7 out of range"), e.getMessage());
        assertTrue(e.getMessage().contains("entry 2: field 'db_id'"), e.getMessage());
        TablesJsonReader.Result lenient = TablesJsonReader.read(f);
        assertEquals(List.of("ok"), List.copyOf(lenient.schemas().keySet()));
        assertEquals(2, lenient.problems().size());
    }

    @Test
    void notJsonAtAll() throws Exception {
        Path f = tmp.resolve("tables.json");
        Files.writeString(f, "{not json");
        SchemaReadException e = assertThrows(SchemaReadException.class, () -> SchemaReaders.fromTablesJson(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    }

    @Test
    void introspectsSqlite() {
        DatabaseSchema s = SchemaReaders.fromSqlite(SpiderFixtures.miniDb("concert_singer"));
        assertEquals("concert_singer", s.dbId());
        Table sic = s.table("singer_in_concert").orElseThrow();
        assertEquals(List.of("concert_ID", "Singer_ID"), sic.primaryKey().stream().map(Column::name).toList());
        assertEquals("int", s.table("stadium").orElseThrow().columns().getFirst().type());
        assertTrue(s.foreignKeys().contains(new ForeignKey("singer_in_concert", "Singer_ID", "singer", "Singer_ID")));
        assertEquals(3, s.foreignKeys().size());
    }

    @Test
    void missingAndNonDatabaseFilesAreClearErrors() throws Exception {
        Path missing = tmp.resolve("nope.sqlite");
        SchemaReadException e1 = assertThrows(SchemaReadException.class, () -> SchemaReaders.fromSqlite(missing));
        assertTrue(e1.getMessage().contains(missing + ": no such database file"), e1.getMessage());
        assertFalse(Files.exists(missing), "must not create the file");
        Path junk = tmp.resolve("junk.sqlite");
        Files.writeString(junk, "this is not a database, just some text that is long enough to be a header".repeat(20));
        SchemaReadException e2 = assertThrows(SchemaReadException.class, () -> SchemaReaders.fromSqlite(junk));
        assertTrue(e2.getMessage().startsWith(junk + ": cannot open as SQLite"), e2.getMessage());
    }

    @Test
    void jdbcMetadataAgreesWithSqliteIntrospection() throws Exception {
        for (String db : List.of("concert_singer", "pets_1", "car_1", "flight_2", "employee_hire_evaluation")) {
            Path file = SpiderFixtures.miniDb(db);
            DatabaseSchema viaPragma = SchemaReaders.fromSqlite(file);
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
                DatabaseSchema viaJdbc = SchemaReaders.fromJdbc(c, null);
                assertEquals(db, viaJdbc.dbId());
                assertEquals(names(viaPragma).stream().sorted().toList(), names(viaJdbc).stream().sorted().toList(), db);
                for (Table t : viaPragma.tables()) {
                    Table j = viaJdbc.table(t.name()).orElseThrow();
                    assertEquals(t.columns().stream().map(Column::name).toList(), j.columns().stream().map(Column::name).toList(), db);
                    assertEquals(t.primaryKey().stream().map(Column::name).toList(), j.primaryKey().stream().map(Column::name).toList(), db + "." + t.name());
                }
                assertEquals(Set(viaPragma.foreignKeys()), Set(viaJdbc.foreignKeys()), db);
            }
        }
    }

    @Test
    void jdbcUnknownSchemaIsAnError() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + SpiderFixtures.miniDb("pets_1").toAbsolutePath())) {
            SchemaReadException e = assertThrows(SchemaReadException.class, () -> SchemaReaders.fromJdbc(c, "no_such_schema"));
            assertTrue(e.getMessage().contains("no schema or catalog named 'no_such_schema'"), e.getMessage());
        }
    }

    @Test
    void readsDdlWithKeysAndInsertedSamples() {
        DatabaseSchema s = SchemaReaders.fromDdl("shop", """
                -- as in Gretel's sql_context
                CREATE TABLE "users" (id INT PRIMARY KEY, name VARCHAR(255), note TEXT);
                CREATE TABLE orders (oid INTEGER, user_id INTEGER REFERENCES users(id), amount DECIMAL(10, 2),
                                     PRIMARY KEY (oid), FOREIGN KEY (user_id) REFERENCES users (id));
                INSERT INTO users VALUES (1, 'Bob; the builder', 'x'), (2, 'Al''s', 'y');
                INSERT INTO orders (oid, amount) VALUES (10, 2.5);
                """);
        assertEquals(List.of("users", "orders"), names(s));
        Table users = s.table("users").orElseThrow();
        assertEquals("varchar(255)", users.columns().get(1).type());
        assertTrue(users.columns().get(0).primaryKey());
        assertEquals(List.of("Bob; the builder", "Al's"), users.columns().get(1).sampleValues());
        Table orders = s.table("orders").orElseThrow();
        assertEquals("decimal(10,2)", orders.columns().get(2).type());
        assertEquals(List.of("2.5"), orders.columns().get(2).sampleValues());
        assertTrue(orders.columns().get(0).primaryKey());
        assertEquals(List.of(new ForeignKey("orders", "user_id", "users", "id")), s.foreignKeys());
    }

    @Test
    void badDdlNamesTheStatement() {
        SchemaReadException e = assertThrows(SchemaReadException.class, () -> SchemaReaders.fromDdl("x",
                "CREATE TABLE a (id INT); CREATE TABLE b (id INT,, name TEXT);"));
        assertTrue(e.getMessage().startsWith("DDL of 'x': statement 2 (CREATE TABLE b"), e.getMessage());
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
        assertThrows(SchemaReadException.class, () -> SchemaReaders.fromDdl("x", "SELECT 1"));
    }

    private static List<String> names(DatabaseSchema s) {
        return s.tables().stream().map(Table::name).toList();
    }

    private static java.util.Set<ForeignKey> Set(List<ForeignKey> l) {
        return new java.util.HashSet<>(l);
    }
}
