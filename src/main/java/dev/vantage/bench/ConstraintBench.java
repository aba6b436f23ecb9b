package dev.vantage.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.SchemaReaders;
import dev.vantage.data.sql.SqlNormalizer;
import dev.vantage.data.tokenizer.BpeTokenizer;
import dev.vantage.data.tokenizer.BpeTrainer;
import dev.vantage.data.tokenizer.TokenizerJson;
import dev.vantage.inference.ConstraintState;
import dev.vantage.inference.constraint.ConstraintAudit;
import dev.vantage.inference.constraint.SqlConstraint;
import dev.vantage.inference.constraint.VocabMask;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code vantage bench constraint}: the cost of {@link SqlConstraint} as a decoder would pay it.
 *
 * <p>Spider dev's gold queries, normalized, are cut into BPE tokens (a tokenizer trained here on the
 * normalized training SQL and questions, or one given). Each query is replayed token by token as a
 * decode: at every step the state is advanced by K candidate tokens (the gold one and K-1 tokens drawn
 * from the gold token stream, i.e. SQL-looking continuations as a model's top-k would be) and asked
 * {@code canEnd()} once; then it moves on with the gold token. Every call is timed alone. A second
 * part advances the whole vocabulary at some steps: the cost of a full token mask.
 */
public final class ConstraintBench {
    private ConstraintBench() {}

    /** Query and its tokens' texts. */
    private record Case(SqlConstraint constraint, String sql, String[] tokens) {}

    public static void run(Path spider, Path tokenizerOrNull, int vocab, int candidates, int rounds, int maskSteps) {
        Map<String, DatabaseSchema> schemas = SchemaReaders.fromTablesJson(spider.resolve("tables.json"));
        List<ConstraintAudit.Gold> dev = read(spider.resolve("dev.json"));
        Path trainFile = spider.resolve("train_spider.json");
        List<ConstraintAudit.Gold> train = Files.isRegularFile(trainFile) ? read(trainFile) : dev;
        System.out.printf("data: %s (%d dev queries, tokenizer corpus: %s)%n", spider, dev.size(),
                train == dev ? "dev itself, no train_spider.json" : train.size() + " train queries");

        long t0 = System.nanoTime();
        BpeTokenizer tok;
        if (tokenizerOrNull != null) {
            try {
                tok = TokenizerJson.load(tokenizerOrNull);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            List<String> corpus = new ArrayList<>();
            for (ConstraintAudit.Gold g : train) {
                DatabaseSchema s = schemas.get(g.dbId());
                try {
                    corpus.add(SqlNormalizer.normalize(g.sql(), s));
                } catch (RuntimeException e) {
                    // not normalizable: left out of the corpus
                }
            }
            tok = new BpeTrainer(vocab).quiet().train(corpus);
        }
        System.out.printf("tokenizer: %d tokens (%s, %.1f s)%n", tok.vocabSize(),
                tokenizerOrNull != null ? tokenizerOrNull : "trained on the normalized gold SQL", (System.nanoTime() - t0) / 1e9);

        String[] pieces = new String[tok.vocabSize()];
        for (int i = 0; i < pieces.length; i++) pieces[i] = tok.specialTokens().contains(tok.token(i)) ? null : tok.decode(new int[]{i});
        Map<String, SqlConstraint> constraints = new HashMap<>();
        List<Case> cases = new ArrayList<>();
        List<String> stream = new ArrayList<>();
        for (ConstraintAudit.Gold g : dev) {
            DatabaseSchema s = schemas.get(g.dbId());
            if (s == null) continue;
            String sql;
            try {
                sql = SqlNormalizer.normalize(g.sql(), s);
            } catch (RuntimeException e) {
                continue;
            }
            int[] ids = tok.encode(sql);
            String[] ts = new String[ids.length];
            for (int i = 0; i < ids.length; i++) ts[i] = pieces[ids[i]];
            cases.add(new Case(constraints.computeIfAbsent(g.dbId(), k -> new SqlConstraint(s)), sql, ts));
            stream.addAll(Arrays.asList(ts));
        }
        long tokens = cases.stream().mapToLong(c -> c.tokens.length).sum();
        System.out.printf("%d queries, %d tokens (%.1f per query, %.1f characters per token)%n", cases.size(), tokens,
                (double) tokens / cases.size(), cases.stream().mapToLong(c -> c.sql.length()).sum() / (double) tokens);

        Stats last = null;
        List<Double> roundMeans = new ArrayList<>();
        List<Double> roundSteps = new ArrayList<>();
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int r = 0; r <= rounds; r++) {
            long cpu0 = mx.getCurrentThreadCpuTime();
            Stats st = decode(cases, stream, candidates, new Random(r));
            double cpuPerCall = (mx.getCurrentThreadCpuTime() - cpu0) / 1e3 / (st.advances + st.steps);
            if (r == 0) {
                System.out.printf("warm-up round: %.2f µs per advance%n", st.meanAdvance());
                continue;
            }
            last = st;
            roundMeans.add(st.meanAdvance());
            roundSteps.add(st.perStep());
            System.out.printf("round %d: advance mean %.2f µs, p50 %.2f, p90 %.2f, p99 %.2f, max %.0f (%d calls, %.0f%% accepted); "
                            + "canEnd mean %.2f µs; per decode step (%d candidates + canEnd) %.1f µs; "
                            + "thread CPU %.2f µs per call (timer included)%n",
                    r, st.meanAdvance(), st.advancePercentile(0.5), st.advancePercentile(0.9), st.advancePercentile(0.99),
                    st.advancePercentile(1.0), st.advances, 100.0 * st.accepted / st.advances, st.meanCanEnd(),
                    candidates, st.perStep(), cpuPerCall);
        }
        if (last != null) {
            System.out.printf("gold token alone (last round): mean %.2f µs per advance%n", last.goldNanos / 1e3 / last.steps);
            List<Double> m = roundMeans.stream().sorted().toList();
            List<Double> st = roundSteps.stream().sorted().toList();
            System.out.printf("over %d rounds: advance mean best %.2f µs, median %.2f µs; decode step best %.1f µs, median %.1f µs "
                            + "(the spread is other processes taking the cores; the best round is the uncontended cost)%n",
                    m.size(), m.getFirst(), m.get(m.size() / 2), st.getFirst(), st.get(st.size() / 2));
        }
        if (maskSteps > 0) fullMask(cases, pieces, maskSteps);
    }

    private static final class Stats {
        long[] advanceNanos = new long[1 << 16];
        int advances;
        long accepted;
        long canEndNanos;
        long goldNanos;
        long steps;

        void add(long ns) {
            if (advances == advanceNanos.length) advanceNanos = Arrays.copyOf(advanceNanos, advances * 2);
            advanceNanos[advances++] = ns;
        }

        double meanAdvance() {
            long sum = 0;
            for (int i = 0; i < advances; i++) sum += advanceNanos[i];
            return sum / 1e3 / advances;
        }

        double advancePercentile(double p) {
            long[] sorted = Arrays.copyOf(advanceNanos, advances);
            Arrays.sort(sorted);
            return sorted[Math.min(advances - 1, (int) (p * advances))] / 1e3;
        }

        double meanCanEnd() {
            return canEndNanos / 1e3 / steps;
        }

        double perStep() {
            long sum = 0;
            for (int i = 0; i < advances; i++) sum += advanceNanos[i];
            return (sum + canEndNanos) / 1e3 / steps;
        }
    }

    private static Stats decode(List<Case> cases, List<String> stream, int candidates, Random random) {
        Stats st = new Stats();
        int sink = 0;
        for (Case c : cases) {
            ConstraintState s = c.constraint.initial();
            for (String gold : c.tokens) {
                for (int k = 1; k < candidates; k++) {
                    String cand = stream.get(random.nextInt(stream.size()));
                    long t = System.nanoTime();
                    ConstraintState n = s.advance(cand);
                    st.add(System.nanoTime() - t);
                    if (n != null) st.accepted++;
                }
                long t = System.nanoTime();
                boolean end = s.canEnd();
                long t1 = System.nanoTime();
                ConstraintState next = s.advance(gold);
                long t2 = System.nanoTime();
                st.canEndNanos += t1 - t;
                st.add(t2 - t1);
                st.goldNanos += t2 - t1;
                st.accepted++;
                st.steps++;
                if (end) sink++;
                if (next == null) throw new IllegalStateException("gold token '" + gold + "' rejected in: " + c.sql);
                s = next;
            }
            if (!s.canEnd()) throw new IllegalStateException("gold query cannot end: " + c.sql);
        }
        if (sink < 0) System.out.println(sink);
        return st;
    }

    /**
     * The whole vocabulary's mask at {@code steps} decode steps spread over the queries: one advance per
     * token, and {@link VocabMask}'s trie walk (which must give the same set).
     */
    private static void fullMask(List<Case> cases, String[] pieces, int steps) {
        VocabMask mask = new VocabMask(pieces);
        long[] best = {Long.MAX_VALUE, Long.MAX_VALUE};
        long allowed = 0;
        for (int round = 0; round < 3; round++) {
            Random random = new Random(42);
            long perToken = 0, trie = 0;
            allowed = 0;
            for (int done = 0; done < steps; done++) {
                Case c = cases.get(random.nextInt(cases.size()));
                int at = random.nextInt(c.tokens.length);
                ConstraintState s = c.constraint.initial();
                for (int i = 0; i < at; i++) s = s.advance(c.tokens[i]);
                BitSet one = new BitSet(pieces.length);
                long t = System.nanoTime();
                for (int id = 0; id < pieces.length; id++) if (pieces[id] != null && s.advance(pieces[id]) != null) one.set(id);
                long t1 = System.nanoTime();
                BitSet walked = mask.allowed(s);
                long t2 = System.nanoTime();
                perToken += t1 - t;
                trie += t2 - t1;
                allowed += one.cardinality();
                if (!one.equals(walked)) throw new IllegalStateException("trie mask differs from per-token advances in: " + c.sql);
            }
            best[0] = Math.min(best[0], perToken);
            best[1] = Math.min(best[1], trie);
        }
        System.out.printf("full mask over the vocabulary (%d tokens, %.0f allowed on average) at %d random steps, best of 3: "
                        + "one advance per token %.2f ms per step (%.2f µs per token); VocabMask trie walk %.2f ms per step (same sets)%n",
                pieces.length, (double) allowed / steps, steps, best[0] / 1e6 / steps, best[0] / 1e3 / steps / pieces.length,
                best[1] / 1e6 / steps);
    }

    private static List<ConstraintAudit.Gold> read(Path json) {
        try {
            List<ConstraintAudit.Gold> out = new ArrayList<>();
            for (JsonNode n : new ObjectMapper().readTree(json.toFile())) {
                out.add(new ConstraintAudit.Gold(n.get("db_id").asText(), n.get("query").asText()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
