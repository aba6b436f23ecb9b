package dev.vantage.inference;

import dev.vantage.model.DecodeState;
import dev.vantage.model.ModelConfig;
import dev.vantage.model.VantageModel;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeneratorTest {
    static final int V = 97, EOS = 2;
    static final int[] SCHEMA = {11, 12, 13, 14, 15, 16, 17}, PREFIX = {1, 40, 41, 42, 3};

    static VantageModel model(int cross) {
        VantageModel m = new VantageModel(new ModelConfig("vantage", V, 32, 2, 2, 1, 4, 2, 48, 0, 0.01, 0.001,
                1, 64, cross, 128, 10000, 1e-5, 0, 0, 0, true));
        m.initRandom(21, 0.3);
        return m;
    }

    static TokenTexts texts() {
        String[] t = new String[V];
        boolean[] f = new boolean[V];
        for (int i = 0; i < V; i++) { t[i] = "t" + i; f[i] = i < 9 && i != EOS; }
        return new TokenTexts(t, f);
    }

    /** Allows only the given ids, at most maxLen of them, and <eos> once at least minLen tokens have been generated. */
    record Only(java.util.Set<String> allowed, int minLen, int maxLen) implements TokenConstraint {
        public ConstraintState initial() { return new St(0); }
        final class St implements ConstraintState {
            final int len;
            St(int len) { this.len = len; }
            public ConstraintState advance(String text) { return len < maxLen && allowed.contains(text) ? new St(len + 1) : null; }
            public boolean canEnd() { return len >= minLen; }
        }
    }

    static Only only(int minLen, int... ids) {
        java.util.Set<String> s = new java.util.HashSet<>();
        for (int i : ids) s.add("t" + i);
        return new Only(s, minLen, Integer.MAX_VALUE);
    }

    static Only exactly(int len, int... ids) {
        Only o = only(len, ids);
        return new Only(o.allowed(), len, len);
    }

    @Test void greedyIsTheArgmaxOverAllowedTokensAndDeterministic() {
        VantageModel m = model(2);
        Generator g = new Generator(m, texts());
        GenerationResult a = g.generate(SCHEMA, PREFIX, GenerationConfig.greedy(12));
        GenerationResult b = g.generate(SCHEMA, PREFIX, GenerationConfig.greedy(12));
        assertEquals(1, a.candidates().size());
        assertArrayEquals(a.best().tokens(), b.best().tokens());
        // the vector API's lane reductions may sum in another order once the JIT compiles them
        assertEquals(a.best().logProb(), b.best().logProb(), 1e-6 * Math.abs(a.best().logProb()));
        // By hand: argmax over ids that are not forbidden specials.
        DecodeState s = m.prefill(SCHEMA, PREFIX);
        java.util.List<Integer> want = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            float[] l = s.logits();
            int best = -1;
            for (int j = 0; j < V; j++) if ((j >= 9 || j == EOS) && (best < 0 || l[j] > l[best])) best = j;
            if (best == EOS) break;
            want.add(best);
            s.step(best);
        }
        assertArrayEquals(want.stream().mapToInt(Integer::intValue).toArray(), a.best().tokens());
        for (int t : a.best().tokens()) assertTrue(t >= 9, "special token " + t + " generated");
        assertEquals(a.best().tokens().length + (a.best().finished() ? 1 : 0), a.stats().tried(), "unconstrained greedy tries one token per step");
    }

    @Test void anEnsembleOfAModelWithItselfDecodesAsTheModelAlone() {
        VantageModel m = model(2);
        Generator alone = new Generator(m, texts()), twice = new Generator(List.of(m, m), texts());
        for (GenerationConfig cfg : List.of(GenerationConfig.greedy(10), GenerationConfig.beam(3, 1.0, 3, 10))) {
            List<Candidate> a = alone.generate(SCHEMA, PREFIX, cfg, only(2, 20, 21, 22, 23, 24)).candidates();
            List<Candidate> b = twice.generate(SCHEMA, PREFIX, cfg, only(2, 20, 21, 22, 23, 24)).candidates();
            assertEquals(a.size(), b.size());
            for (int i = 0; i < a.size(); i++) {
                assertArrayEquals(a.get(i).tokens(), b.get(i).tokens());
                assertEquals(a.get(i).logProb(), b.get(i).logProb(), 1e-4);
            }
        }
    }

    @Test void anEnsembleFollowsTheMeanOfItsModelsProbabilities() {
        VantageModel m1 = model(2), m2 = model(2);
        m2.initRandom(22, 0.3);
        GenerationResult r = new Generator(List.of(m1, m2), texts()).generate(SCHEMA, PREFIX, GenerationConfig.greedy(8));
        // By hand: argmax of p1 + p2 over ids that are not forbidden specials, both models stepped with the choice.
        DecodeState s1 = m1.prefill(SCHEMA, PREFIX), s2 = m2.prefill(SCHEMA, PREFIX);
        List<Integer> want = new java.util.ArrayList<>();
        double lp = 0;
        for (int i = 0; i < 8; i++) {
            double[] p = new double[V];
            for (float[] l : List.of(s1.logits(), s2.logits())) {
                double lse = Generator.logSumExp(l);
                for (int j = 0; j < V; j++) p[j] += Math.exp(l[j] - lse) / 2;
            }
            int best = -1;
            for (int j = 0; j < V; j++) if ((j >= 9 || j == EOS) && (best < 0 || p[j] > p[best])) best = j;
            double refused = 0;     // forbidden specials more likely than the choice leave the normalizer (Generator.Run.top)
            for (int j = 0; j < V; j++) if (j < 9 && j != EOS && p[j] > p[best]) refused += p[j];
            lp += Math.log(p[best]) - Math.log(Math.max(p[best], 1 - refused));
            if (best == EOS) break;
            want.add(best);
            s1.step(best);
            s2.step(best);
        }
        assertArrayEquals(want.stream().mapToInt(Integer::intValue).toArray(), r.best().tokens());
        assertEquals(lp, r.best().logProb(), 1e-4);
        // the single models disagree somewhere, or the test would not tell an ensemble from either
        Candidate one = new Generator(m1, texts()).generate(SCHEMA, PREFIX, GenerationConfig.greedy(8)).best();
        Candidate two = new Generator(m2, texts()).generate(SCHEMA, PREFIX, GenerationConfig.greedy(8)).best();
        assertFalse(Arrays.equals(one.tokens(), two.tokens()), "pick seeds whose models decode differently");
    }

    @Test void anEnsembleRefusesModelsThatReadTheSchemaDifferently() {
        assertThrows(IllegalArgumentException.class, () -> new Generator(List.of(model(2), model(0)), texts()));
    }

    @Test void beamOfWidthOneIsGreedy() {
        VantageModel m = model(2);
        Generator g = new Generator(m, texts());
        for (TokenConstraint c : new TokenConstraint[]{TokenConstraint.NONE, only(4, 20, 21, 22, 23, 24, 25), only(1, 30, 31), exactly(4, 40, 41, 42, 43)}) {
            Candidate greedy = g.generate(SCHEMA, PREFIX, GenerationConfig.greedy(10), c).best();
            Candidate beam = g.generate(SCHEMA, PREFIX, GenerationConfig.beam(1, 0, 1, 10), c).best();
            assertArrayEquals(greedy.tokens(), beam.tokens());
            assertEquals(greedy.logProb(), beam.logProb(), 1e-6 * Math.abs(greedy.logProb()));   // last-place JIT rounding between runs
            assertEquals(greedy.finished(), beam.finished());
            if (c instanceof Only o && o.maxLen() == 4) assertTrue(greedy.finished() && greedy.tokens().length == 4);
        }
    }

    @Test void greedyOfABatchEqualsGreedyOneByOne() {
        for (int cross : new int[]{2, 0}) {
            Generator g = new Generator(model(cross), texts());
            // different schemas, prefixes, constraints and endings (one ends at once, one runs to the limit)
            List<Generator.Input> inputs = List.of(
                    new Generator.Input(cross > 0 ? SCHEMA : null, PREFIX, TokenConstraint.NONE),
                    new Generator.Input(cross > 0 ? new int[]{20, 21, 22} : null, new int[]{1, 50, 3}, only(4, 20, 21, 22, 23, 24, 25)),
                    new Generator.Input(cross > 0 ? new int[]{30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40} : null, new int[]{1, 3}, only(0)),
                    new Generator.Input(cross > 0 ? SCHEMA : null, new int[]{1, 60, 61, 62, 63, 3}, new CompleteAt(java.util.Set.of(2, 5))),
                    new Generator.Input(cross > 0 ? SCHEMA : null, PREFIX, new CompleteAt(java.util.Set.of())));
            GenerationConfig cfg = GenerationConfig.greedy(12);
            List<GenerationResult> batch = g.generateAll(inputs, cfg);
            assertEquals(inputs.size(), batch.size());
            for (int i = 0; i < inputs.size(); i++) {
                Generator.Input in = inputs.get(i);
                GenerationResult one = g.generate(in.schemaIds(), in.decoderPrefix(), cfg, in.constraint());
                Candidate alone = one.best(), b = batch.get(i).best();
                assertArrayEquals(alone.tokens(), b.tokens(), "input " + i);
                assertEquals(alone.finished(), b.finished(), "input " + i);
                assertEquals(alone.logProb(), b.logProb(), 1e-5 * Math.max(1, Math.abs(alone.logProb())), "input " + i);
                assertEquals(one.stats().tokens(), batch.get(i).stats().tokens(), "tokens stepped, counted per question: " + i);
                assertEquals(one.stats().tried(), batch.get(i).stats().tried(), "tokens tried, counted per question: " + i);
            }
            assertEquals(12, batch.get(4).best().tokens().length, "the endless one ran to the limit beside the others");
            assertEquals(0, batch.get(2).best().tokens().length);
            // beam search batches the beams of all questions, with the same n-best as alone
            GenerationConfig beam = GenerationConfig.beam(3, 1.0, 2, 8);
            List<GenerationResult> beams = g.generateAll(inputs, beam);
            for (int i = 0; i < inputs.size(); i++) {
                Generator.Input in = inputs.get(i);
                GenerationResult one = g.generate(in.schemaIds(), in.decoderPrefix(), beam, in.constraint());
                assertEquals(one.candidates().size(), beams.get(i).candidates().size(), "beam input " + i);
                for (int k = 0; k < one.candidates().size(); k++) {
                    Candidate alone = one.candidates().get(k), b = beams.get(i).candidates().get(k);
                    assertArrayEquals(alone.tokens(), b.tokens(), "beam input " + i + " candidate " + k);
                    assertEquals(alone.finished(), b.finished(), "beam input " + i + " candidate " + k);
                    assertEquals(alone.score(), b.score(), 1e-5 * Math.max(1, Math.abs(alone.score())), "beam input " + i + " candidate " + k);
                }
                assertEquals(one.stats().tokens(), beams.get(i).stats().tokens(), "beam tokens stepped, counted per question: " + i);
            }
        }
    }

    @Test void beamReturnsNBestSortedAndObeysTheConstraint() {
        for (int cross : new int[]{2, 0}) {
            VantageModel m = model(cross);
            Generator g = new Generator(m, texts());
            Only c = only(3, 20, 21, 22, 23, 24, 25, 26);
            GenerationResult r = g.generate(cross > 0 ? SCHEMA : null, PREFIX, GenerationConfig.beam(4, 1.0, 4, 9), c);
            List<Candidate> cs = r.candidates();
            assertEquals(4, cs.size());
            // finished ones first (an unfinished one is never an answer), each group by score
            for (int i = 1; i < cs.size(); i++) {
                Candidate a = cs.get(i - 1), b = cs.get(i);
                assertTrue(a.finished() && !b.finished() || a.finished() == b.finished() && a.score() >= b.score(), "n-best not sorted");
            }
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (Candidate k : cs) {
                assertTrue(seen.add(java.util.Arrays.toString(k.tokens())), "duplicate candidate");
                for (int t : k.tokens()) assertTrue(t >= 20 && t <= 26, "token " + t + " not allowed");
                if (k.finished()) assertTrue(k.tokens().length >= 3, "ended before the constraint allowed it");
                if (k.finished()) assertEquals(k.logProb() / (k.tokens().length + 1), k.score(), 1e-12);
            }
            assertTrue(r.stats().forks() > 0);
        }
    }

    @Test void samplingIsSeededAndTopKOneIsGreedy() {
        VantageModel m = model(2);
        Generator g = new Generator(m, texts());
        GenerationConfig s1 = GenerationConfig.sampling(1.0, 1.0, 0, 7, 15);
        Candidate a = g.generate(SCHEMA, PREFIX, s1).best(), b = g.generate(SCHEMA, PREFIX, s1).best();
        assertArrayEquals(a.tokens(), b.tokens());
        boolean differs = false;
        for (long seed = 8; seed < 12 && !differs; seed++)
            differs = !java.util.Arrays.equals(a.tokens(), g.generate(SCHEMA, PREFIX, GenerationConfig.sampling(1.0, 1.0, 0, seed, 15)).best().tokens());
        assertTrue(differs, "other seeds should sample something else");
        Candidate greedy = g.generate(SCHEMA, PREFIX, GenerationConfig.greedy(15)).best();
        assertArrayEquals(greedy.tokens(), g.generate(SCHEMA, PREFIX, GenerationConfig.sampling(1.5, 1.0, 1, 3, 15)).best().tokens());
        assertArrayEquals(greedy.tokens(), g.generate(SCHEMA, PREFIX, GenerationConfig.sampling(1.0, 1e-9, 0, 3, 15)).best().tokens(), "tiny top-p keeps the top token");
        GenerationResult several = g.generate(SCHEMA, PREFIX, GenerationConfig.sampling(1.0, 0.9, 20, 5, 15).withNBest(3), only(2, 50, 51, 52, 53));
        assertEquals(3, several.candidates().size());
        for (Candidate k : several.candidates()) for (int t : k.tokens()) assertTrue(t >= 50 && t <= 53);
    }

    @Test void constraintIsObeyedAndItsCostCounted() {
        VantageModel m = model(2);
        Generator g = new Generator(m, texts());
        GenerationResult r = g.generate(SCHEMA, PREFIX, GenerationConfig.greedy(20), only(5, 60, 61));
        Candidate c = r.best();
        for (int t : c.tokens()) assertTrue(t == 60 || t == 61);
        assertTrue(c.tokens().length >= 5 || !c.finished());
        assertTrue(r.stats().tried() > c.tokens().length, "refused tokens are counted too");
        // A constraint that accepts nothing but the end: <eos> right away.
        Candidate end = g.generate(SCHEMA, PREFIX, GenerationConfig.greedy(20), only(0)).best();
        assertEquals(0, end.tokens().length);
        assertTrue(end.finished());
        // One that accepts nothing at all: an empty, unfinished candidate rather than an error.
        TokenConstraint none = () -> new ConstraintState() {
            public ConstraintState advance(String t) { return null; }
            public boolean canEnd() { return false; }
        };
        Candidate dead = g.generate(SCHEMA, PREFIX, GenerationConfig.greedy(5), none).best();
        assertFalse(dead.finished());
        Candidate deadBeam = g.generate(SCHEMA, PREFIX, GenerationConfig.beam(3, 0, 2, 5), none).best();
        assertFalse(deadBeam.finished());
    }

    /** Allows t60 and t61, never {@code <eos>} on its own; complete (may end) after the lengths given. */
    record CompleteAt(java.util.Set<Integer> lengths) implements TokenConstraint {
        public ConstraintState initial() { return new St(0); }
        final class St implements ConstraintState {
            final int len;
            St(int len) { this.len = len; }
            public ConstraintState advance(String t) { return t.equals("t60") || t.equals("t61") ? new St(len + 1) : null; }
            public boolean canEnd() { return lengths.contains(len); }
        }
    }

    @Test void decodingThatNeverEndsReturnsTheBestCompletePrefix() {
        Generator g = new Generator(model(2), texts());
        // where no prefix is complete, the path runs to the token limit
        Candidate endless = g.generate(SCHEMA, PREFIX, GenerationConfig.greedy(8), new CompleteAt(java.util.Set.of())).best();
        assertFalse(endless.finished());
        assertEquals(8, endless.tokens().length);
        CompleteAt c = new CompleteAt(java.util.Set.of(2, 3));
        for (GenerationConfig cfg : List.of(GenerationConfig.greedy(8), GenerationConfig.beam(1, 0, 1, 8))) {
            Candidate r = g.generate(SCHEMA, PREFIX, cfg, c).best();
            assertTrue(r.finished(), "a complete prefix was passed");
            assertTrue(c.lengths().contains(r.tokens().length), "ends where the constraint allowed it: " + r.tokens().length);
            assertArrayEquals(Arrays.copyOf(endless.tokens(), r.tokens().length), r.tokens(), "a prefix of the greedy path");
            assertTrue(r.score() < 0 && r.score() == r.logProb());
        }
        // its score is the path's log-probability up to there plus that of <eos> there: the better of the two
        Candidate two = g.generate(SCHEMA, PREFIX, GenerationConfig.greedy(8), new CompleteAt(java.util.Set.of(2))).best();
        Candidate three = g.generate(SCHEMA, PREFIX, GenerationConfig.greedy(8), new CompleteAt(java.util.Set.of(3))).best();
        assertEquals(Math.max(two.score(), three.score()), g.generate(SCHEMA, PREFIX, GenerationConfig.greedy(8), c).best().score());
    }

    /** Allows t20..t25; every t23 raises the link potential by one. */
    record Linked() implements TokenConstraint {
        public ConstraintState initial() { return new St(0, 0); }
        record St(int len, int links) implements ConstraintState {
            public ConstraintState advance(String t) {
                return len < 6 && t.matches("t2[0-5]") ? new St(len + 1, links + (t.equals("t23") ? 1 : 0)) : null;
            }
            public boolean canEnd() { return len >= 6; }
            public double linkPotential() { return links; }
            public double linkRise() { return 1; }
        }
    }

    @Test void linkWeightAddsThePotentialToTheScore() {
        Generator g = new Generator(model(2), texts());
        Candidate plain = g.generate(SCHEMA, PREFIX, GenerationConfig.greedy(10).withLinkWeight(0), new Linked()).best();
        assertTrue(plain.finished());
        assertNotEquals(6, java.util.Arrays.stream(plain.tokens()).filter(t -> t == 23).count(), "the test needs a model that does not prefer t23");
        for (GenerationConfig c : new GenerationConfig[]{GenerationConfig.greedy(10), GenerationConfig.beam(3, 0, 2, 10)}) {
            Candidate linked = g.generate(SCHEMA, PREFIX, c.withLinkWeight(50), new Linked()).best();
            assertArrayEquals(new int[]{23, 23, 23, 23, 23, 23}, linked.tokens(), c.strategy() + ": the weight lifts t23 from anywhere in the logits");
            assertEquals(renormalizedLogProb(g.model(), new int[]{23, 23, 23, 23, 23, 23}) + 6 * 50, linked.logProb(),
                    1e-6 * Math.abs(linked.logProb()), "score = log-prob + weight x potential");
        }
        // sampling ignores the weight
        GenerationConfig s = GenerationConfig.sampling(1.0, 1.0, 0, 7, 10);
        assertArrayEquals(g.generate(SCHEMA, PREFIX, s, new Linked()).best().tokens(), g.generate(SCHEMA, PREFIX, s.withLinkWeight(50), new Linked()).best().tokens());
        assertThrows(IllegalArgumentException.class, () -> GenerationConfig.greedy(3).withLinkWeight(-1));
    }

    /**
     * By hand, the log-probability {@link Linked} gives a path and its end: at each step the token's
     * log-softmax less log max(p of the most likely accepted token, 1 - p of the refused tokens above it).
     */
    static double renormalizedLogProb(VantageModel m, int[] path) {
        DecodeState s = m.prefill(SCHEMA, PREFIX);
        double total = 0;
        for (int i = 0; i <= path.length; i++) {
            float[] l = s.logits();
            double lse = Generator.logSumExp(l);
            int tok = i < path.length ? path[i] : EOS;
            Integer[] byLogit = new Integer[V];
            for (int j = 0; j < V; j++) byLogit[j] = j;
            java.util.Arrays.sort(byLogit, (a, b) -> Float.compare(l[b], l[a]));
            double refused = 0, first = 0;
            for (int j : byLogit) {
                boolean accepted = i < path.length ? j >= 20 && j <= 25 : j == EOS;
                if (accepted) { first = Math.exp(l[j] - lse); break; }
                refused += Math.exp(l[j] - lse);
            }
            total += l[tok] - lse - Math.log(Math.max(first, 1 - refused));
            if (i < path.length) s.step(tok);
        }
        return total;
    }

    @Test void configIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> GenerationConfig.beam(2, 0, 3, 10));
        assertThrows(IllegalArgumentException.class, () -> GenerationConfig.sampling(0, 1, 0, 1, 10));
        assertThrows(IllegalArgumentException.class, () -> GenerationConfig.greedy(0));
        assertNotEquals(GenerationConfig.greedy(3), GenerationConfig.greedy(4));
    }
}
