package dev.vantage.data.tokenizer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class BpeTokenizerTest {
    private static final List<String> CORPUS = List.of(
            "SELECT count(*) FROM singer",
            "How many singers do we have?",
            "SELECT name ,  country ,  age FROM singer ORDER BY age DESC",
            "<table> singer <col> singer_id <pk> <col> name <col> country <col> age",
            "What are the names of the singers older than 40? Show the names in order.",
            "SELECT T1.name FROM singer AS T1 JOIN concert AS T2 ON T1.singer_id = T2.singer_id WHERE T2.year = 2014",
            "Café prices in € and ¥ — naïve façade 日本語 🚀");

    private static BpeTokenizer trained() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 20; i++) texts.addAll(CORPUS);
        return new BpeTrainer(400).quiet().train(texts);
    }

    @Test void specialTokensHaveFixedIdsAndAreAtomic() {
        BpeTokenizer t = trained();
        for (int i = 0; i < SpecialTokens.ALL.size(); i++) assertEquals(i, t.id(SpecialTokens.ALL.get(i)));
        int[] ids = t.encode("<bos>how many<sep>SELECT<eos><pad>");
        assertEquals(SpecialTokens.BOS_ID, ids[0]);
        assertEquals(SpecialTokens.PAD_ID, ids[ids.length - 1]);
        assertEquals(SpecialTokens.EOS_ID, ids[ids.length - 2]);
        assertTrue(java.util.Arrays.stream(ids).filter(i -> i == SpecialTokens.SEP_ID).count() == 1);
        // a look-alike is not a special token
        assertTrue(java.util.Arrays.stream(t.encode("<tab> <cols>")).noneMatch(i -> i < SpecialTokens.ALL.size()));
        assertEquals("<table>x", t.decode(t.encode("<table>x")));
    }

    @Test void schemaTextCanDropSpacesAroundMarkers() {
        BpeTokenizer t = trained();
        String schema = "<table> singer <col> singer_id <pk> <col> name";
        IntList compact = new IntList();
        t.encode(schema, compact, true);
        assertEquals("<table>singer<col>singer_id<pk><col>name", t.decode(compact.toArray()));
        assertTrue(compact.size() < t.encode(schema).length);
        IntList lead = new IntList();
        t.encode("  x <sep> y", lead, true);
        assertEquals("  x<sep>y", t.decode(lead.toArray()), "leading text before any marker is kept");
    }

    @Test void learnsMergesThatShortenTheCorpus() {
        BpeTokenizer t = trained();
        assertEquals(400, t.vocabSize());
        String s = "SELECT count(*) FROM singer";
        assertTrue(t.encode(s).length < 8, t.tokens(s).toString());
        assertTrue(t.tokens(s).contains("ĠFROM"), t.tokens(s).toString());
    }

    @Test void exactRoundTripOnRandomUnicode() {
        BpeTokenizer t = trained();
        Random r = new Random(42);
        int[] ranges = {0x20, 0x7F, 0xA0, 0x2FF, 0x370, 0x3FF, 0x4E00, 0x9FFF, 0x1F300, 0x1FAFF, 0x0, 0x1F, 0x10000, 0x10FFFF};
        for (int trial = 0; trial < 500; trial++) {
            StringBuilder sb = new StringBuilder();
            int len = r.nextInt(60);
            for (int i = 0; i < len; i++) {
                int k = r.nextInt(ranges.length / 2) * 2;
                int cp = ranges[k] + r.nextInt(ranges[k + 1] - ranges[k] + 1);
                if (cp >= 0xD800 && cp <= 0xDFFF) cp = 'x';               // no lone surrogates
                if (r.nextInt(10) == 0) sb.append(r.nextBoolean() ? " " : "\n\t  ");
                if (r.nextInt(25) == 0) sb.append(SpecialTokens.ALL.get(r.nextInt(SpecialTokens.ALL.size())));
                sb.appendCodePoint(cp);
            }
            String s = sb.toString();
            assertEquals(s, t.decode(t.encode(s)), "round trip of " + s.codePoints().mapToObj(Integer::toHexString).toList());
        }
        for (String s : List.of("", " ", "  \n ", "👩‍👩‍👧‍👦 family", "e\u0301 combining", "\u0000\u0001", "SELECT '日本' FROM t -- 🚀"))
            assertEquals(s, t.decode(t.encode(s)));
    }

    @Test void savesAndLoadsAsHuggingFaceJson(@TempDir Path dir) throws Exception {
        BpeTokenizer t = trained();
        Path f = dir.resolve("tokenizer.json");
        TokenizerJson.save(t, f);
        var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(f.toFile());
        assertEquals("1.0", root.get("version").asText());
        assertEquals("BPE", root.path("model").path("type").asText());
        assertEquals("ByteLevel", root.path("pre_tokenizer").path("type").asText());
        assertEquals("ByteLevel", root.path("decoder").path("type").asText());
        assertEquals(11, root.get("added_tokens").size());
        assertEquals("<val>", root.get("added_tokens").get(8).get("content").asText());
        assertEquals("<pm>", root.get("added_tokens").get(10).get("content").asText());
        assertEquals(10, root.get("added_tokens").get(10).get("id").asInt());
        assertTrue(root.get("added_tokens").get(8).get("special").asBoolean());
        assertEquals(400 - 11 - 256, root.path("model").path("merges").size());
        assertTrue(root.path("model").path("merges").get(0).isArray());

        BpeTokenizer back = TokenizerJson.load(f);
        assertEquals(t.vocab(), back.vocab());
        for (String s : CORPUS) assertArrayEquals(t.encode(s), back.encode(s));

        // the older "a b" merge form reads the same
        String old = Files.readString(f).replaceAll("\\[\\s*\"([^\"]*)\",\\s*\"([^\"]*)\"\\s*\\]", "\"$1 $2\"");
        Path f2 = dir.resolve("old.json");
        Files.writeString(f2, old);
        BpeTokenizer back2 = TokenizerJson.load(f2);
        for (String s : CORPUS) assertArrayEquals(t.encode(s), back2.encode(s));
    }

    @Test void badFilesAreNamed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.json");
        Files.writeString(f, "{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0}}, \"pre_tokenizer\": {\"type\": \"Whitespace\"}}");
        var e = assertThrows(IllegalArgumentException.class, () -> TokenizerJson.load(f));
        assertTrue(e.getMessage().contains("pre_tokenizer.type"), e.getMessage());
        Files.writeString(f, "{\"model\": ");
        e = assertThrows(IllegalArgumentException.class, () -> TokenizerJson.load(f));
        assertTrue(e.getMessage().contains("t.json"), e.getMessage());
    }

    @Test void trainingIsDeterministic() {
        assertEquals(trained().vocab(), trained().vocab());
    }

    @Test void scannerSplitsExactlyAsTheGpt2Regex() {
        Random r = new Random(7);
        String[] atoms = {"'", "s", "t", "re", "ve", "ll", "d", "m", "'S", " ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u3000",
                "\u2028", "\u0085", "\u001c", "a", "Zé", "日本", "٣", "²", "Ⅻ", "7", "12", ".", ",", "!?", "🚀", "👩‍👩‍👧", "e\u0301",
                "_", "-", "<", "\u0000", "\uFEFF", "𝔘"};
        for (int trial = 0; trial < 3000; trial++) {
            StringBuilder sb = new StringBuilder();
            for (int i = r.nextInt(25); i > 0; i--) sb.append(atoms[r.nextInt(atoms.length)]);
            String s = sb.toString();
            assertEquals(PreTokenizer.splitWithRegex(s), PreTokenizer.split(s), "on " + s.codePoints().mapToObj(Integer::toHexString).toList());
        }
        for (String s : CORPUS) assertEquals(PreTokenizer.splitWithRegex(s), PreTokenizer.split(s));
    }

    @Test void preTokenizerFollowsGpt2() {
        assertEquals(List.of("Hello", ",", " world", "'s", " 123", "  ", " x", "!!", "\n"), PreTokenizer.split("Hello, world's 123   x!!\n"));
    }
}
