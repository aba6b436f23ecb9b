package dev.vantage.inference.constraint;

import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.SchemaReaders;
import dev.vantage.data.schema.SpiderFixtures;
import dev.vantage.inference.ConstraintState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The trie walk allows exactly the tokens that one advance each allows. */
class VocabMaskTest {
    @Test
    void trieWalkEqualsOneAdvancePerToken() {
        DatabaseSchema schema = SchemaReaders.fromTablesJson(SpiderFixtures.MINI.resolve("tables.json")).get("concert_singer");
        SqlConstraint c = new SqlConstraint(schema);
        String sql = "SELECT T1.Name, COUNT(*) FROM singer AS T1 JOIN singer_in_concert AS T2 ON T1.Singer_ID = T2.Singer_ID "
                + "WHERE T1.Country = 'France' AND T1.Age BETWEEN 20 AND 30 GROUP BY T1.Name ORDER BY COUNT(*) DESC LIMIT 1";
        // a toy vocabulary: every character, pieces of the query cut at 1..4 characters, keywords with a space
        Set<String> vocab = new LinkedHashSet<>();
        vocab.add(null);
        for (char ch = ' '; ch < 127; ch++) vocab.add(String.valueOf(ch));
        for (int len = 2; len <= 4; len++) for (int i = 0; i + len <= sql.length(); i++) vocab.add(sql.substring(i, i + len));
        for (String k : List.of(" SELECT", " FROM", " WHERE", " JOIN", " AS", " ON", " T1", " T2", ".", " Name", " stadium", "Capacity")) vocab.add(k);
        List<String> texts = new ArrayList<>(vocab);
        VocabMask mask = new VocabMask(texts);
        assertEquals(texts.size(), mask.size());
        ConstraintState s = c.initial();
        int checked = 0;
        for (int i = 0; i <= sql.length(); i++) {
            BitSet expected = new BitSet();
            for (int id = 0; id < texts.size(); id++) if (texts.get(id) != null && s.advance(texts.get(id)) != null) expected.set(id);
            assertEquals(expected, mask.allowed(s), "after '" + sql.substring(0, i) + "'");
            assertFalse(expected.isEmpty());
            checked++;
            if (i < sql.length()) s = s.advance(sql.substring(i, i + 1));
        }
        assertEquals(sql.length() + 1, checked);
        assertTrue(mask.allowedIds(c.initial()).length > 0);
    }
}
