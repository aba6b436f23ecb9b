package dev.vantage.inference.constraint;

import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.SchemaReaders;
import dev.vantage.data.schema.SpiderFixtures;
import dev.vantage.inference.ConstraintState;
import dev.vantage.inference.TokenConstraint;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The normalizer's spelling over the schema constraint, on concert_singer (tables in lower case, columns like Stadium_ID). */
class CanonicalSpellingTest {
    private static final DatabaseSchema CONCERT =
            SchemaReaders.fromTablesJson(SpiderFixtures.MINI.resolve("tables.json")).get("concert_singer");
    private static final TokenConstraint C =
            new CanonicalSpelling(new SqlConstraint(CONCERT, SqlConstraint.Options.NORMALIZED), CONCERT);

    @Test
    void acceptsTheNormalizersSpellingOnly() {
        assertNull(ConstraintAudit.check(C, "SELECT T1.Name, COUNT(*) FROM singer AS T1 JOIN singer_in_concert AS T2 "
                + "ON T1.Singer_ID = T2.Singer_ID GROUP BY T1.Singer_ID", new Random(3)));
        assertNull(C.initial().advance("select COUNT(*) FROM singer"));
        assertNull(C.initial().advance("SELECT COUNT(*) FROM Singer"));
        assertNull(C.initial().advance("SELECT COUNT(*)  FROM singer"), "two spaces");
        assertNull(C.initial().advance("SELECT COUNT(*) FROM \"singer\""));
    }

    /** A partial word must complete to a canonical word the grammar takes there, not merely pass each check alone. */
    @Test
    void aPartialWordMustCompleteWhereItStands() {
        ConstraintState from = C.initial().advance("SELECT COUNT(*) FROM ");
        // 'Stadium' starts the column Stadium_ID (canonical) and the table stadium (grammar, ignoring case): no word is both
        assertNull(from.advance("Stadium"));
        assertNull(from.advance("S"));
        assertNotNull(from.advance("stad"));
        assertNotNull(from.advance("s"));
        ConstraintState where = C.initial().advance("SELECT COUNT(*) FROM stadium WHERE ");
        assertNotNull(where.advance("Stadium"));
        assertNull(where.advance("Singer_I"), "a column of another table");
        // aliases: T2 is still free after T1 is bound
        assertNotNull(C.initial().advance("SELECT T1.Name FROM singer AS T1 JOIN concert AS T"));
        assertNotNull(C.initial().advance("SELECT T"));
    }
}
