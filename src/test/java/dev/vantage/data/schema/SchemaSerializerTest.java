package dev.vantage.data.schema;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SchemaSerializerTest {
    static final DatabaseSchema SHOP = new DatabaseSchema("shop",
            List.of(new Table("users", List.of(new Column("id", "INTEGER", true), new Column("name", "Text", false))),
                    new Table("orders", List.of(new Column("user_id", "integer", false)))),
            List.of(new ForeignKey("orders", "user_id", "users", "id")));

    @Test
    void documentedFormat() {
        assertEquals("<table> users <col> id : integer <pk> <col> name : text <table> orders <col> user_id : integer <fk> users.id",
                SchemaSerializer.serialize(SHOP, SerializationOptions.defaults()));
    }

    @Test
    void optionsDropTypesAndMarkers() {
        assertEquals("<table> users <col> id <col> name <table> orders <col> user_id",
                SchemaSerializer.serialize(SHOP, new SerializationOptions(false, false, false, 0, false)));
    }

    @Test
    void linkedValuesFollowTheirColumnInDatabaseSpelling() {
        DatabaseSchema s = SchemaReaders.fromSqlite(SpiderFixtures.miniDb("concert_singer"));
        ValueIndex values = ValueIndex.build(SpiderFixtures.miniDb("concert_singer"));
        String q = "How many singers are from france or the NETHERLANDS?";
        String out = SchemaSerializer.serialize(s, SerializationOptions.defaults(), q, values);
        assertTrue(out.contains("<col> Country : text <val> Netherlands <val> France <col> Song_Name"), out);
        assertEquals(out, SchemaSerializer.serialize(s, SerializationOptions.defaults(), q, ValueIndex.build(SpiderFixtures.miniDb("concert_singer"))));
        assertFalse(SchemaSerializer.serialize(s, new SerializationOptions(true, true, false, 2, true), q, values).contains("<val>"));
    }

    @Test void descriptionsSayWhatBareColumnNamesMean() {
        DatabaseSchema wiki = new DatabaseSchema("wikisql", List.of(new Table("table_1_10015132_11", List.of(
                new Column("col0", "text", false, "Player", List.of()),
                new Column("col1", "real", false, "No.", List.of()),
                new Column("player_name", "text", false, "player name", List.of()),
                new Column("col2", "text", false, "A very long description that goes on and on past the budget for one column", List.of())))),
                List.of());
        String s = SchemaSerializer.serialize(wiki, SerializationOptions.defaults());
        assertEquals("<table> table_1_10015132_11 <col> col0 ( Player ) : text <col> col1 ( No. ) : real"
                + " <col> player_name : text <col> col2 ( A very long description that goes on and on past ) : text", s);
        assertFalse(SchemaSerializer.serialize(wiki, new SerializationOptions(true, true, true, 2, false)).contains("("));
    }

    @Test void markerTextInNamesAndValuesIsNoMarker() {
        DatabaseSchema s = new DatabaseSchema("odd", List.of(new Table("a<table>b", List.of(new Column("x <col> <COL> y", "text", false)))), List.of());
        assertEquals("<table> a< table>b <col> x < col> <COL> y : text", SchemaSerializer.serialize(s, SerializationOptions.defaults()));
    }
}
