package dev.vantage.bench;

import dev.vantage.config.VantageConfig;
import dev.vantage.data.Example;
import dev.vantage.data.dataset.SpiderLoader;
import dev.vantage.data.preprocess.SchemaSource;
import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.SchemaReaders;
import dev.vantage.data.schema.ValueIndex;
import dev.vantage.engine.Parallel;
import dev.vantage.engine.io.DType;
import dev.vantage.inference.ConstraintState;
import dev.vantage.inference.GenerationConfig;
import dev.vantage.inference.GenerationResult;
import dev.vantage.inference.Generator;
import dev.vantage.inference.TextToSql;
import dev.vantage.inference.TokenConstraint;
import dev.vantage.inference.TokenTexts;
import dev.vantage.model.Checkpoint;
import dev.vantage.model.DecodeState;
import dev.vantage.model.ModelConfig;
import dev.vantage.model.SchemaMemory;
import dev.vantage.model.VantageModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code vantage bench decode}: generation latency of a randomly initialised model for one question
 * (schema and prompt of given lengths): the parts of a greedy run (schema encoding, prompt, one
 * step), greedy and beam latency, decode tokens/s, and what a beam's state copy costs next to a
 * step. Random weights never choose {@code <eos>} on purpose, so every run is held to exactly the
 * requested number of new tokens by a constraint that refuses the end (and accepts everything else).
 * {@link #spiderDev} measures a trained model on real questions instead, with and without the
 * schema constraint.
 */
public final class DecodeBench {
    private DecodeBench() {}

    /** Everything allowed except ending: fixed-length runs. */
    private static final TokenConstraint NO_END = () -> new ConstraintState() {
        @Override public ConstraintState advance(String text) { return this; }
        @Override public boolean canEnd() { return false; }
    };

    /** f32 weights in memory (the signature before {@code --bf16}). */
    public static void run(String config, Integer crossInterval, int schemaTokens, int promptTokens, int newTokens, int beam, int reps) {
        run(config, crossInterval, false, schemaTokens, promptTokens, newTokens, beam, reps);
    }

    /** bf16: random weights written as a bf16 checkpoint to a temporary directory and memory-mapped (any size), else f32 in memory. */
    public static void run(String config, Integer crossInterval, boolean bf16, int schemaTokens, int promptTokens, int newTokens, int beam, int reps) {
        ModelConfig cfg = VantageConfig.load(config).model();
        if (crossInterval != null) cfg = withCross(cfg, crossInterval);
        if (!bf16) {
            VantageModel m = new VantageModel(cfg);
            m.initRandom(1, 0.02);
            run(m, config, crossInterval, "f32 in memory", 4, schemaTokens, promptTokens, newTokens, beam, reps);
            return;
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("vantage-decode-");
            System.out.printf("writing random bf16 %s weights to %s ...%n", config, dir);
            Checkpoint.writeRandom(cfg, dir, 1, DType.BF16, 0.02);
            try (Checkpoint.Mapped mm = Checkpoint.openMapped(dir)) {
                run(mm.model(), config, crossInterval, "bf16 memory-mapped", 2, schemaTokens, promptTokens, newTokens, beam, reps);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) deleteTree(dir);
        }
    }

    /** One way of decoding, measured question by question. */
    private record Mode(String name, GenerationConfig generation, boolean constrained, double[] ms, double[] prefillMs, long[] decodeNanos,
                        long[] steps, long[] tokens, long[] tried) {
        Mode(String name, GenerationConfig generation, boolean constrained, int n) {
            this(name, generation, constrained, new double[n], new double[n], new long[n], new long[n], new long[n], new long[n]);
        }

        void record(int i, long nanos, GenerationResult.Stats st) {
            ms[i] = nanos / 1e6;
            prefillMs[i] = st.prefillNanos() / 1e6;
            decodeNanos[i] = st.decodeNanos();
            steps[i] = st.steps();
            tokens[i] = st.tokens();
            tried[i] = st.tried();
        }

        double decodeSeconds() { return Arrays.stream(decodeNanos).sum() / 1e9; }
        double msPerStep() { return decodeSeconds() * 1e3 / Arrays.stream(steps).sum(); }
    }

    /**
     * A trained model on Spider dev questions, one question at a time as {@code ask} answers it
     * (prompt, constraint and spelling as in {@link TextToSql}; no execution guidance, which needs a
     * database connection above this layer): latency per question (p50, p95) of greedy and beam
     * search, decode tokens/s, and what the schema constraint costs as the ratio to unconstrained
     * decoding of the same questions. The four ways run back to back on each question, so a
     * changing load on the machine affects them alike.
     *
     * @param spider    a Spider folder (dev.json, tables.json, database/)
     * @param questions how many dev questions, spread evenly over dev.json (it is ordered by database)
     */
    public static void spiderDev(Path modelDir, Path spider, int questions, int beam, int maxNewTokens) {
        TextToSql model = TextToSql.load(modelDir, dev.vantage.config.VantageConfig.ofModelDirectory(modelDir).data().prompt());
        SpiderLoader loader = new SpiderLoader(spider);
        List<Example> dev = loader.load("dev").examples();
        int n = Math.min(questions, dev.size());
        List<Example> picked = new ArrayList<>();
        for (int i = 0; i < n; i++) picked.add(dev.get((int) ((long) i * dev.size() / n)));
        // Schemas and values as preprocessing (and `vantage benchmark`) read them; tables.json alone where the file is missing.
        SchemaSource schemas = new SchemaSource(ValueIndex.DEFAULT_MAX_DISTINCT);
        Map<String, DatabaseSchema> declared = SchemaReaders.fromTablesJson(loader.tablesJson());
        Map<String, SchemaSource.Resolved> dbs = new HashMap<>();
        int withoutFile = 0;
        for (Example e : picked) {
            if (dbs.containsKey(e.dbId())) continue;
            SchemaSource.Resolved r = schemas.resolve(loader, e.dbId(), true).orElse(null);
            if (r == null) {
                if (!declared.containsKey(e.dbId())) throw new IllegalArgumentException(loader.tablesJson() + ": no database " + e.dbId());
                r = new SchemaSource.Resolved(declared.get(e.dbId()), null);
                withoutFile++;
            }
            dbs.put(e.dbId(), r);
        }
        System.out.printf("decode on Spider dev: %s, %d of %d questions (spread evenly, %d databases%s), up to %d new tokens, %d threads, "
                        + "no execution guidance%n", modelDir, n, dev.size(), dbs.size(),
                withoutFile == 0 ? "" : ", " + withoutFile + " without a file: tables.json schema, no values", maxNewTokens, Parallel.THREADS);

        List<Mode> modes = List.of(
                new Mode("greedy, constrained", GenerationConfig.greedy(maxNewTokens), true, n),
                new Mode("greedy, unconstrained", GenerationConfig.greedy(maxNewTokens), false, n),
                new Mode("beam " + beam + ", constrained", GenerationConfig.beam(beam, 1.0, beam, maxNewTokens), true, n),
                new Mode("beam " + beam + ", unconstrained", GenerationConfig.beam(beam, 1.0, beam, maxNewTokens), false, n));
        for (int i = -Math.min(3, n); i < n; i++) {            // the first three questions again, as a warm-up for the JIT
            Example e = picked.get(i < 0 ? i + Math.min(3, n) : i);
            SchemaSource.Resolved db = dbs.get(e.dbId());
            for (Mode m : modes) {
                long t0 = System.nanoTime();
                TextToSql.Answer a = model.answer(new TextToSql.Request(e.question(), db.schema(), db.values(), m.generation(), m.constrained(), null));
                if (i >= 0) m.record(i, System.nanoTime() - t0, a.stats());
            }
            if (i >= 0) System.err.printf("\r  %d/%d questions%s", i + 1, n, i + 1 == n ? "\n" : "");   // a run takes minutes
        }

        System.out.printf("  %-24s %8s %8s %8s %12s %10s %14s %14s%n", "latency per question:", "p50 ms", "p95 ms", "mean ms", "prefill p50",
                "steps", "decode tok/s", "checks/token");
        for (Mode m : modes) {
            long steps = Arrays.stream(m.steps()).sum(), tokens = Arrays.stream(m.tokens()).sum();
            System.out.printf("  %-24s %8.1f %8.1f %8.1f %12.1f %10.1f %14s %14.1f%n", m.name(), percentile(m.ms(), 50), percentile(m.ms(), 95),
                    Arrays.stream(m.ms()).average().orElse(0), percentile(m.prefillMs(), 50), steps / (double) n,
                    tokens > steps ? String.format("%.0f (%.0f beam)", steps / m.decodeSeconds(), tokens / m.decodeSeconds())
                            : String.format("%.0f", steps / m.decodeSeconds()),
                    Arrays.stream(m.tried()).sum() / (double) tokens);
        }
        for (int k = 0; k < modes.size(); k += 2) {
            Mode c = modes.get(k), u = modes.get(k + 1);
            System.out.printf("  constraint cost, %s: %.2fx the unconstrained time per question (sum over the questions), "
                            + "%.2fx per decode step (%.2f vs %.2f ms)%n", c.name().replaceFirst(", constrained", ""),
                    Arrays.stream(c.ms()).sum() / Arrays.stream(u.ms()).sum(), c.msPerStep() / u.msPerStep(), c.msPerStep(), u.msPerStep());
        }
    }

    /** The p-th percentile by the nearest-rank rule. */
    static double percentile(double[] a, double p) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s.length == 0 ? 0 : s[Math.max(0, (int) Math.ceil(p / 100 * s.length) - 1)];
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }

    private static void run(VantageModel m, String config, Integer crossInterval, String weights, int bytesPerWeight,
                            int schemaTokens, int promptTokens, int newTokens, int beam, int reps) {
        ModelConfig cfg = m.cfg;
        SplittableRandom r = new SplittableRandom(5);
        int V = cfg.vocabSize();
        int[] schema = r.ints(schemaTokens, 9, V).toArray();
        int[] question = r.ints(promptTokens, 9, V).toArray();
        // c > 0: the schema goes to the encoder; c = 0: into the decoder prompt, before the question.
        int[] prompt = cfg.hasSchemaEncoder() ? question : concat(schema, question);
        String[] texts = new String[V];
        boolean[] forbidden = new boolean[V];
        for (int i = 0; i < V; i++) { texts[i] = "t" + i; forbidden[i] = i < 9 && i != 2; }
        Generator g = new Generator(m, new TokenTexts(texts, forbidden));
        System.out.printf("decode: %s%s, random weights (%s), %d schema tokens (%s), %d prompt tokens, %d new tokens, %d threads%n",
                config, crossInterval == null ? "" : " with cross_attention_interval " + crossInterval, weights, schemaTokens,
                cfg.hasSchemaEncoder() ? "encoder" : "in the decoder prompt", promptTokens, newTokens, Parallel.THREADS);

        // Parts, each the median of reps after a warm-up.
        int warm = 3;
        double[] enc = new double[reps], pre = new double[reps], step = new double[reps], step4 = new double[reps], fork = new double[reps];
        // every timed single step: which experts a step routes to, and so which mapped pages it reads, varies from step to step
        List<Double> steps = new ArrayList<>();
        for (int i = -warm; i < reps; i++) {
            long t0 = System.nanoTime();
            SchemaMemory mem = cfg.hasSchemaEncoder() ? m.encodeSchema(schema) : null;
            long t1 = System.nanoTime();
            DecodeState s = m.newDecodeState(mem, prompt.length + newTokens);
            s.append(prompt);
            long t2 = System.nanoTime();
            for (int k = 0; k < newTokens / 2; k++) {       // halfway into the answer, each step timed
                long ts = System.nanoTime();
                s.step(10 + k);
                if (i >= 0) steps.add((System.nanoTime() - ts) / 1e6);
            }
            long t3 = System.nanoTime();
            s.step(11);
            long t4 = System.nanoTime();
            if (i >= 0) steps.add((t4 - t3) / 1e6);
            DecodeState[] four = new DecodeState[beam];
            for (int b = 0; b < beam; b++) four[b] = s.fork();
            long t45 = System.nanoTime();
            for (int k = 0; k < 25; k++) for (DecodeState f : four) f.copyFrom(s);    // what beams do with spare states
            long t5 = System.nanoTime();
            int[] ids = new int[beam];
            Arrays.fill(ids, 12);
            DecodeState.stepAll(four, ids);
            long t6 = System.nanoTime();
            if (i >= 0) {
                enc[i] = (t1 - t0) / 1e6; pre[i] = (t2 - t1) / 1e6; step[i] = (t4 - t3) / 1e6;
                fork[i] = (t5 - t45) / 1e6 / (25 * beam); step4[i] = (t6 - t5) / 1e6;
            }
        }
        int at = prompt.length + newTokens / 2 + 1;
        System.out.printf("  schema encoding %.2f ms, prompt prefill (%d tokens) %.2f ms%n", median(enc), prompt.length, median(pre));
        double[] all = steps.stream().mapToDouble(Double::doubleValue).toArray();
        double stepMs = median(all);
        System.out.printf("  one step at positions %d-%d: %.2f ms (median of %d; at position %d alone %.2f ms); %d beams in one batched step: %.2f ms (%.2f ms per beam)%n",
                prompt.length + 1, at, stepMs, all.length, at, median(step), beam, median(step4), median(step4) / beam);
        System.out.printf("  copying one state at position %d (fork for a beam): %.3f ms = %.1f%% of a step%n",
                at, median(fork), 100 * median(fork) / stepMs);

        // At batch 1 every step streams its active weights once, so memory bandwidth bounds tokens/s from above.
        double mb = activeWeightBytes(cfg, bytesPerWeight) / 1e6, gbs = readBandwidth(), copy = copyBandwidth();
        System.out.printf("  weights one step reads (" + (bytesPerWeight == 4 ? "f32" : "bf16") + ", top-%d experts, LM head): %.1f MB; memory bandwidth measured now: "
                + "read %.1f GB/s, copy %.1f GB/s (bytes read + written; %d threads, 256 MB),%n"
                + "    i.e. at most %.1f tokens/s at batch 1 from the read bandwidth (%.1f from the copy bandwidth); the measured step (%.1f tokens/s) takes %.2fx the read bound%s%n",
                cfg.numExpertsPerTok(), mb, gbs, copy, Parallel.THREADS, gbs * 1e3 / mb, copy * 1e3 / mb, 1e3 / stepMs,
                stepMs / (mb / gbs), stepMs < mb / gbs ? " (weights this small partly stay in the CPU caches between steps)" : "");

        report(g, schema, prompt, GenerationConfig.greedy(newTokens), "greedy", reps, newTokens);
        report(g, schema, prompt, GenerationConfig.beam(beam, 1.0, beam, newTokens), "beam " + beam, reps, newTokens);
    }

    private static void report(Generator g, int[] schema, int[] prompt, GenerationConfig gc, String name, int reps, int newTokens) {
        double[] total = new double[reps], dec = new double[reps], pre = new double[reps];
        GenerationResult last = null;
        for (int i = -2; i < reps; i++) {
            long t0 = System.nanoTime();
            GenerationResult res = g.generate(schema, prompt, gc, NO_END);
            double ms = (System.nanoTime() - t0) / 1e6;
            if (i >= 0) { total[i] = ms; dec[i] = res.stats().decodeNanos() / 1e6; pre[i] = res.stats().prefillNanos() / 1e6; }
            last = res;
        }
        GenerationResult.Stats st = last.stats();
        System.out.printf("  %-7s %d new tokens: latency p50 %.1f ms (min %.1f, max %.1f; prefill %.1f ms), decode %.0f tokens/s of output%s, %d constraint calls, %d state copies%n",
                name, newTokens, median(total), Arrays.stream(total).min().orElse(0), Arrays.stream(total).max().orElse(0),
                median(pre), (newTokens - 1) / (median(dec) / 1e3),
                st.tokens() > st.steps() ? String.format(" (%.0f beam tokens/s)", st.tokens() / (median(dec) / 1e3)) : "",
                st.tried(), st.forks());
    }

    /** Bytes of weights one decoding step reads: every layer's attention, norms, router, k experts, the LM head. */
    static long activeWeightBytes(ModelConfig c, int bytesPerWeight) {
        long d = c.hiddenSize(), qd = (long) c.numAttentionHeads() * c.headDim(), kvd = c.kvDim();
        long attn = 2 * d * qd + 2 * d * kvd + d;
        long perLayer = attn + d + c.numLocalExperts() * d + (long) c.numExpertsPerTok() * 3 * d * c.moeIntermediateSize();
        long n = c.numHiddenLayers() * perLayer + (long) c.vocabSize() * d + d;
        for (int l = 0; l < c.numHiddenLayers(); l++) if (c.hasCrossAttention(l)) n += 2 * d * qd + d;   // q and o (K, V are cached)
        return bytesPerWeight * n;
    }

    /** Read bandwidth in GB/s: vector sums over 256 MB split across the threads, best of three. */
    static double readBandwidth() {
        float[] a = new float[64 << 20];
        Arrays.fill(a, 1f);
        double best = 0;
        for (int rep = 0; rep < 4; rep++) {
            long t0 = System.nanoTime();
            float[] sink = new float[Parallel.THREADS];
            Parallel.forChunks(a.length, Parallel.THREADS, (c, s0, e0) -> sink[c] = dev.vantage.engine.MatMul.dot(a, s0, a, s0, e0 - s0));
            double sec = (System.nanoTime() - t0) / 1e9;
            if (rep > 0) best = Math.max(best, 4.0 * a.length / sec / 1e9);
            if (sink[0] < 0) System.out.print("");
        }
        return best;
    }

    /** Copy bandwidth in GB/s as STREAM counts it (bytes read plus bytes written): 128 MB copied to another 128 MB, best of three. */
    static double copyBandwidth() {
        float[] a = new float[32 << 20], b = new float[32 << 20];
        Arrays.fill(a, 1f);
        double best = 0;
        for (int rep = 0; rep < 4; rep++) {
            long t0 = System.nanoTime();
            Parallel.forChunks(a.length, Parallel.THREADS, (c, s0, e0) -> System.arraycopy(a, s0, b, s0, e0 - s0));
            double sec = (System.nanoTime() - t0) / 1e9;
            if (rep > 0) best = Math.max(best, 2 * 4.0 * a.length / sec / 1e9);
        }
        return best;
    }

    private static ModelConfig withCross(ModelConfig c, int interval) {
        return new ModelConfig(c.modelType(), c.vocabSize(), c.hiddenSize(), c.numHiddenLayers(), c.numAttentionHeads(), c.numKeyValueHeads(),
                c.numLocalExperts(), c.numExpertsPerTok(), c.moeIntermediateSize(), c.capacityFactor(), c.routerAuxLossCoef(), c.routerZLossCoef(),
                c.schemaEncoderLayers(), c.schemaIntermediateSize(), interval, c.maxPositionEmbeddings(), c.ropeTheta(), c.rmsNormEps(),
                c.hiddenDropout(), c.attentionDropout(), c.expertDropout(), c.tieWordEmbeddings());
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    static double median(double[] a) {
        double[] s = a.clone();
        Arrays.sort(s);
        return s.length == 0 ? 0 : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
