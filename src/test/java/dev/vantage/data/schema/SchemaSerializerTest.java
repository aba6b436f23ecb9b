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
                SchemaSerializer.serialize(SHOP, new SerializationOptions(false, false, false, 0)));
    }

    @Test
    void linkedValuesFollowTheirColumnInDatabaseSpelling() {
        DatabaseSchema s = SchemaReaders.fromSqlite(SpiderFixtures.miniDb("concert_singer"));
        ValueIndex values = ValueIndex.build(SpiderFixtures.miniDb("concert_singer"));
        String q = "How many singers are from france or the NETHERLANDS?";
        String out = SchemaSerializer.serialize(s, SerializationOptions.defaults(), q, values);
        assertTrue(out.contains("<col> Country : text <val> Netherlands <val> France <col> Song_Name"), out);
        assertEquals(out, SchemaSerializer.serialize(s, SerializationOptions.defaults(), q, ValueIndex.build(SpiderFixtures.miniDb("concert_singer"))));
        assertFalse(SchemaSerializer.serialize(s, new SerializationOptions(true, true, false, 2), q, values).contains("<val>"));
    }
}
