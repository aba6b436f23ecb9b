package dev.vantage.inference;

import dev.vantage.data.tokenizer.BpeTokenizer;
import dev.vantage.data.tokenizer.ByteLevel;
import dev.vantage.data.tokenizer.SpecialTokens;
import dev.vantage.data.tokenizer.TokenizerJson;
import dev.vantage.engine.io.DType;
import dev.vantage.model.Checkpoint;
import dev.vantage.model.ModelConfig;
import dev.vantage.model.VantageModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A model directory with its tokenizer, loaded and generating; token texts as the constraint sees them. */
class GeneratorLoadTest {
    /** Special tokens, the 256 byte characters, and two merges. */
    static BpeTokenizer tokenizer() {
        List<String> vocab = new ArrayList<>(SpecialTokens.ALL);
        for (int b = 0; b < 256; b++) vocab.add(String.valueOf(ByteLevel.charOf(b)));
        vocab.add("SE");
        vocab.add(ByteLevel.charOf(' ') + "SE");
        List<String[]> merges = List.of(new String[]{"S", "E"}, new String[]{String.valueOf(ByteLevel.charOf(' ')), "SE"});
        return new BpeTokenizer(vocab, merges, SpecialTokens.ALL);
    }

    @Test void loadsAModelDirectoryAndGenerates(@TempDir Path dir) throws Exception {
        BpeTokenizer tok = tokenizer();
        ModelConfig cfg = new ModelConfig("vantage", tok.vocabSize(), 32, 2, 2, 1, 4, 2, 48, 0, 0.01, 0.001,
                1, 64, 2, 128, 10000, 1e-5, 0, 0, 0, true);
        VantageModel m = new VantageModel(cfg);
        m.initRandom(3, 0.2);
        Checkpoint.save(m, dir, DType.F32);
        TokenizerJson.save(tok, dir.resolve("tokenizer.json"));

        Generator g = Generator.load(dir);
        TokenTexts t = g.tokenTexts();
        assertEquals("S", t.text(tok.id("S")));
        assertEquals(" SE", t.text(tok.id(ByteLevel.charOf(' ') + "SE")));
        assertEquals(" ", t.text(tok.id(String.valueOf(ByteLevel.charOf(' ')))));
        for (int i = 0; i < SpecialTokens.ALL.size(); i++) assertEquals(i != SpecialTokens.EOS_ID, t.forbidden(i), SpecialTokens.ALL.get(i));
        assertFalse(t.forbidden(tok.id("S")));

        int[] schema = tok.encode("<table> singer <col> name"), prefix = tok.encode("<bos> how many singers? <sep>");
        GenerationResult loaded = g.generate(schema, prefix, GenerationConfig.beam(3, 1.0, 3, 12));
        GenerationResult direct = new Generator(m, TokenTexts.of(tok)).generate(schema, prefix, GenerationConfig.beam(3, 1.0, 3, 12));
        assertEquals(3, loaded.candidates().size());
        assertArrayEquals(direct.best().tokens(), loaded.best().tokens());
        for (Candidate c : loaded.candidates()) for (int id : c.tokens()) assertTrue(id >= SpecialTokens.ALL.size(), "special token generated");
        // Only the letters of SELECT, spaces and the merged " SE": the output text is made of them.
        java.util.Set<String> ok = java.util.Set.of("S", "E", "L", "C", "T", " ", " SE");
        TokenConstraint letters = () -> new ConstraintState() {
            public ConstraintState advance(String text) { return ok.contains(text) ? this : null; }
            public boolean canEnd() { return true; }
        };
        String text = tok.decode(g.generate(schema, prefix, GenerationConfig.greedy(10), letters).best().tokens());
        assertTrue(text.chars().allMatch(ch -> "SELCT ".indexOf(ch) >= 0), text);
    }

    @Test void loadsAnEnsembleOfDirectoriesWithOneTokenizerAndRefusesAnother(@TempDir Path dir) throws Exception {
        BpeTokenizer tok = tokenizer();
        ModelConfig cfg = new ModelConfig("vantage", tok.vocabSize(), 32, 2, 2, 1, 4, 2, 48, 0, 0.01, 0.001,
                1, 64, 2, 128, 10000, 1e-5, 0, 0, 0, true);
        Path a = dir.resolve("a"), b = dir.resolve("b"), c = dir.resolve("c");
        for (Path p : List.of(a, b, c)) {
            VantageModel m = new VantageModel(cfg);
            m.initRandom(p == a ? 3 : 4, 0.2);
            Checkpoint.save(m, p, DType.F32);
            TokenizerJson.save(tok, p.resolve("tokenizer.json"));
        }
        var options = dev.vantage.config.VantageConfig.load("spider-tiny").data().prompt();
        TextToSql two = TextToSql.load(List.of(a, b), options);
        assertEquals(2, two.generator().models().size());
        // c's tokenizer has other merges: the same vocabulary size, other tokens
        List<String> vocab = new ArrayList<>(SpecialTokens.ALL);
        for (int i = 0; i < 256; i++) vocab.add(String.valueOf(ByteLevel.charOf(i)));
        vocab.add("EL");
        vocab.add("LE");
        TokenizerJson.save(new BpeTokenizer(vocab, List.of(new String[]{"E", "L"}, new String[]{"L", "E"}), SpecialTokens.ALL),
                c.resolve("tokenizer.json"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> TextToSql.load(List.of(a, c), options));
        assertTrue(e.getMessage().contains(c.resolve("tokenizer.json").toString()) && e.getMessage().contains("one tokenizer"), e.getMessage());
    }
}
