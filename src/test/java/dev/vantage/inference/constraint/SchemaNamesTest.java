package dev.vantage.inference.constraint;

import dev.vantage.data.schema.Column;
import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.ForeignKey;
import dev.vantage.data.schema.Table;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Which column pairs may join two tables: declared keys, shared names and keys of one column, or any. */
class SchemaNamesTest {
    /** The first column is the primary key. */
    private static Table table(String name, String... columns) {
        return new Table(name, Arrays.stream(columns).map(c -> new Column(c, "text", c.equals(columns[0]))).toList());
    }

    // documents -> templates -> template_types; city and language both reference country's code;
    // airlines takes part in no key
    private static final SchemaNames NAMES = new SchemaNames(new DatabaseSchema("d", List.of(
            table("documents", "document_id", "template_id", "name"),
            table("templates", "template_id", "type_code", "name"),
            table("template_types", "type_code", "description"),
            table("country", "code", "name"),
            table("city", "country_code", "name", "document_id"),
            table("language", "country", "name"),
            table("airlines", "uid", "name")), List.of(
            new ForeignKey("documents", "template_id", "templates", "template_id"),
            new ForeignKey("templates", "type_code", "template_types", "type_code"),
            new ForeignKey("city", "country_code", "country", "code"),
            new ForeignKey("language", "country", "country", "code"))));

    @Test
    void aDeclaredKeyIsTheOnlyJoinOfItsTables() {
        assertTrue(NAMES.joins("documents", "template_id", "templates", "template_id"));
        assertTrue(NAMES.joins("templates", "template_id", "documents", "template_id"));
        assertFalse(NAMES.joins("documents", "name", "templates", "name"), "a shared name is not a declared key");
    }

    @Test
    void keyedTablesWithoutACommonKeyJoinOnASharedNameOrTwoKeysOfOneColumn() {
        assertFalse(NAMES.tablesJoin("documents", "template_types"), "only through templates");
        assertFalse(NAMES.columnJoins("documents", "document_id", "template_types"));
        assertTrue(NAMES.joins("city", "country_code", "language", "country"), "both reference country.code");
        assertFalse(NAMES.joins("city", "name", "language", "name"), "a shared name that is no key");
        assertFalse(NAMES.joins("city", "country_code", "language", "name"));
        assertTrue(NAMES.joins("documents", "document_id", "city", "document_id"), "a shared primary key name");
        assertFalse(NAMES.tablesJoin("documents", "country"));
    }

    @Test
    void anInSubqueryPairsOneNameOrTheEndsOfAKey() {
        assertTrue(NAMES.sameValues("name", "name"));
        assertTrue(NAMES.sameValues("country_code", "code"));
        assertTrue(NAMES.sameValues("code", "country_code"));
        assertFalse(NAMES.sameValues("name", "code"));
    }

    @Test
    void aTableInNoKeyJoinsOnAnyColumns() {
        assertTrue(NAMES.tablesJoin("airlines", "documents"));
        assertTrue(NAMES.joins("airlines", "uid", "templates", "type_code"));
    }
}
