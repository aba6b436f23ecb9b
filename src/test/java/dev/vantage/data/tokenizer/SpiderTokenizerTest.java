package dev.vantage.data.tokenizer;

import dev.vantage.data.TestData;
import dev.vantage.data.preprocess.TokenizerCorpus;
import dev.vantage.data.preprocess.TrainingData;
import dev.vantage.data.schema.SerializationOptions;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** On the full Spider training data (skipped when absent): train 8192 tokens, then encode everything back. */
class SpiderTokenizerTest {
    @Test void trainsOnSpiderAndRoundTripsItsWholeCorpus() {
        var spider = TestData.fullSpider();
        TrainingData data = TrainingData.load(spider.getParent(), new PrintStream(OutputStream.nullOutputStream()));
        List<String> corpus = TokenizerCorpus.of(data, SerializationOptions.defaults());
        assertTrue(corpus.size() > 14_000, "questions, SQL and schemas: " + corpus.size());
        BpeTokenizer t = new BpeTrainer(8192).quiet().train(corpus);
        assertEquals(8192, t.vocabSize());
        long bytes = 0, tokens = 0;
        for (String s : corpus) {
            int[] ids = t.encode(s);
            assertEquals(s, t.decode(ids));
            assertEquals(PreTokenizer.splitWithRegex(s), PreTokenizer.split(s));
            bytes += s.getBytes(StandardCharsets.UTF_8).length;
            tokens += ids.length;
        }
        assertTrue((double) bytes / tokens > 3.0, "compression " + (double) bytes / tokens + " bytes/token");
    }
}
