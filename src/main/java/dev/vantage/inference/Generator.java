package dev.vantage.inference;

import dev.vantage.data.tokenizer.BpeTokenizer;
import dev.vantage.data.tokenizer.SpecialTokens;
import dev.vantage.data.tokenizer.TokenizerJson;
import dev.vantage.engine.CrossEntropy;
import dev.vantage.model.Checkpoint;
import dev.vantage.model.DecodeState;
import dev.vantage.model.SchemaMemory;
import dev.vantage.model.VantageModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generation on token ids: (schema ids, decoder prefix) to ranked candidates, greedy, beam or
 * sampling, with a {@link TokenConstraint} consulted for every token considered. The schema is
 * encoded once per question and every beam reads that one memory; beams step together in one
 * batched pass. At each step a hypothesis walks token ids in descending logit order and keeps the
 * first ones the constraint accepts (1 for greedy, 2 x width for beam search); {@code <eos>} only
 * where {@link ConstraintState#canEnd()}, other special tokens never.
 *
 * <p>Immutable: one generator serves any number of threads (each call has its own states).
 */
public final class Generator {
    private static final int EOS = SpecialTokens.EOS_ID;
    private final List<VantageModel> models;
    private final TokenTexts vocab;

    public Generator(VantageModel model, TokenTexts vocab) {
        this(List.of(model), vocab);
    }

    /**
     * An ensemble: every member reads the same prompt and steps with the same tokens, and the next
     * token's probability is the members' mean ({@link EnsembleState}). The members share one
     * tokenizer and prompt format; their shapes may differ.
     */
    public Generator(List<VantageModel> models, TokenTexts vocab) {
        if (models.isEmpty()) throw new IllegalArgumentException("no model");
        for (VantageModel m : models) {
            if (vocab.size() != m.cfg.vocabSize())
                throw new IllegalArgumentException("token texts for " + vocab.size() + " ids but a model's vocabulary has " + m.cfg.vocabSize());
            if (m.cfg.hasSchemaEncoder() != models.getFirst().cfg.hasSchemaEncoder())
                throw new IllegalArgumentException("an ensemble's models must all read the schema the same way (all with a schema encoder, or all with c = 0)");
        }
        this.models = List.copyOf(models);
        this.vocab = vocab;
    }

    /**
     * A model directory's model (float32 in memory; bf16 tensors are widened) with its
     * {@code tokenizer.json}. For a model too large for the heap, use {@code Checkpoint.openMapped}
     * and the constructor instead.
     */
    public static Generator load(Path modelDir) {
        VantageModel m = Checkpoint.load(modelDir);
        BpeTokenizer tok;
        try {
            tok = TokenizerJson.load(modelDir.resolve("tokenizer.json"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + modelDir.resolve("tokenizer.json") + ": " + e.getMessage(), e);
        }
        return new Generator(m, TokenTexts.of(tok));
    }

    /** The (first) model. */
    public VantageModel model() { return models.getFirst(); }

    /** Every member of the ensemble; one for a single model. */
    public List<VantageModel> models() { return models; }

    public TokenTexts tokenTexts() { return vocab; }

    public GenerationResult generate(int[] schemaIds, int[] decoderPrefix, GenerationConfig cfg) {
        return generate(schemaIds, decoderPrefix, cfg, TokenConstraint.NONE);
    }

    /**
     * schemaIds: the encoder's input (ignored, may be null, for a model with c = 0); decoderPrefix:
     * {@code <bos> ... <sep>}, everything before the SQL. Returns at least one candidate, best first.
     */
    public GenerationResult generate(int[] schemaIds, int[] decoderPrefix, GenerationConfig cfg, TokenConstraint constraint) {
        return generateAll(List.of(new Input(schemaIds, decoderPrefix, constraint)), cfg).getFirst();
    }

    /** One question of a batch: what {@link #generate} takes. */
    public record Input(int[] schemaIds, int[] decoderPrefix, TokenConstraint constraint) {}

    /**
     * Several questions with one config, results in input order. Greedy and beam search step every
     * live hypothesis of every unfinished question in one batched pass (each reads its own question's
     * schema memory), so a step reads the weights once for all of them; each result equals
     * {@link #generate}'s up to the rounding of the batched products, and its decode time is the
     * whole batch's. Sampling decodes the questions one after another.
     */
    public List<GenerationResult> generateAll(List<Input> inputs, GenerationConfig cfg) {
        int n = inputs.size();
        List<GenerationResult> out = new ArrayList<>(n);
        if (cfg.strategy() == GenerationConfig.Strategy.SAMPLING) {
            for (Input in : inputs) {
                long t0 = System.nanoTime();
                Started st = start(in, cfg);
                List<Candidate> c = st.run.sample(st.root, st.maxNew, cfg);
                out.add(new GenerationResult(c, st.run.stats(System.nanoTime() - t0 - st.run.prefillNanos)));
            }
            return out;
        }
        Started[] started = new Started[n];
        Run.Search[] search = new Run.Search[n];
        for (int i = 0; i < n; i++) {
            started[i] = start(inputs.get(i), cfg);
            Run run = started[i].run;
            search[i] = cfg.strategy() == GenerationConfig.Strategy.GREEDY ? run.new Greedy(started[i].root, started[i].maxNew)
                    : run.new Beams(started[i].root, started[i].maxNew, cfg.beamWidth(), cfg.lengthPenalty(), cfg.nBest());
        }
        long t0 = System.nanoTime();
        boolean[] done = new boolean[n];
        List<EnsembleState> states = new ArrayList<>();
        IntList ids = new IntList();
        while (true) {
            states.clear();
            ids.n = 0;
            for (int i = 0; i < n; i++) {
                if (done[i] || (done[i] = !search[i].next())) continue;
                EnsembleState[] s = search[i].states();
                int[] t = search[i].ids();
                for (int j = 0; j < s.length; j++) { states.add(s[j]); ids.add(t[j]); }
                started[i].run.steps++;
                started[i].run.tokens += s.length;
            }
            if (states.isEmpty()) break;
            EnsembleState.stepAll(states.toArray(EnsembleState[]::new), ids.toArray());
        }
        long decodeNanos = System.nanoTime() - t0;
        for (int i = 0; i < n; i++) out.add(new GenerationResult(search[i].result(), started[i].run.stats(decodeNanos)));
        return out;
    }

    /** A question ready to decode: its state after the prefix, its run and its token budget. */
    private record Started(EnsembleState root, Run run, int maxNew) {}

    /** Checks the input, encodes the schema once and reads the prefix into a new decoding state. */
    private Started start(Input in, GenerationConfig cfg) {
        int[] decoderPrefix = in.decoderPrefix();
        if (decoderPrefix == null || decoderPrefix.length == 0) throw new IllegalArgumentException("empty decoder prefix (it starts with <bos>)");
        int maxPositions = models.stream().mapToInt(m -> m.cfg.maxPositionEmbeddings()).min().orElseThrow();
        int room = maxPositions - decoderPrefix.length;
        if (room < 1) throw new IllegalArgumentException("decoder prefix of " + decoderPrefix.length + " tokens leaves no room under max_position_embeddings " + maxPositions);
        int maxNew = Math.min(cfg.maxNewTokens(), room);
        long t0 = System.nanoTime();
        DecodeState[] members = new DecodeState[models.size()];
        for (int m = 0; m < members.length; m++) {
            VantageModel model = models.get(m);
            SchemaMemory mem = model.cfg.hasSchemaEncoder() ? model.encodeSchema(in.schemaIds()) : null;
            members[m] = model.newDecodeState(mem, decoderPrefix.length + Math.min(maxNew, 256));
        }
        EnsembleState root = new EnsembleState(members);
        root.append(decoderPrefix);
        Run run = new Run(in.constraint().initial(), System.nanoTime() - t0, cfg.strategy() == GenerationConfig.Strategy.SAMPLING ? 0 : cfg.linkWeight());
        return new Started(root, run, maxNew);
    }

    /** One accepted continuation: its token, the constraint state after it, its log-probability. */
    private record Choice(int token, ConstraintState next, double logProb) {}

    /** The state of one generate call (single-threaded). */
    private final class Run {
        final ConstraintState start;
        final long prefillNanos;
        final TokenOrder order = new TokenOrder(vocab.size());
        final double linkWeight;
        long tried;
        int steps, tokens, forks;

        Run(ConstraintState start, long prefillNanos, double linkWeight) {
            this.start = start;
            this.linkWeight = linkWeight;
            this.prefillNanos = prefillNanos;
        }

        GenerationResult.Stats stats(long decodeNanos) {
            return new GenerationResult.Stats(steps, tokens, tried, forks, prefillNanos, decodeNanos);
        }

        /** The constraint's verdict on one token: the next state, or null when refused. */
        ConstraintState accept(ConstraintState cs, int tok) {
            if (tok == EOS) {
                tried++;
                return cs.canEnd() ? cs : null;
            }
            if (vocab.forbidden(tok)) return null;
            tried++;
            return cs.advance(vocab.text(tok));
        }

        /**
         * The k best tokens the constraint accepts, by log-probability renormalized: the probability of
         * the refused tokens more likely than the most likely accepted one is taken out of the normalizer
         * (the same whatever k, so greedy and beam agree; later tokens count as accepted). Without this, a
         * beam that had to refuse the model's favourite token pays for the refusal, and paths through
         * unconstrained literals win. With a link weight w, a token's score adds w times its change of the
         * state's {@link ConstraintState#linkPotential}; that change is at most
         * {@link ConstraintState#linkRise} (unbounded for a vocabulary that is not {@link TokenTexts#wordsStartAtFront}),
         * so the walk down the logits stops once even that could not lift a token into the k best.
         */
        List<Choice> top(float[] logits, ConstraintState cs, int k) {
            double lse = logSumExp(logits);
            double w = linkWeight, phi = w > 0 ? cs.linkPotential() : 0;
            // the most w can add here; a token may hold several names in a vocabulary whose words do not start at the front
            double lift = w > 0 ? (vocab.wordsStartAtFront() ? w * cs.linkRise() : Double.POSITIVE_INFINITY) : 0;
            List<Choice> out = new ArrayList<>(k + 1);     // best first, at most k
            order.reset(logits);
            double refused = 0;
            double firstAccepted = Double.NaN;     // log-prob of the most likely accepted token
            while (order.hasNext()) {
                int tok = order.next();
                double lp = logits[tok] - lse;
                if (out.size() == k && lp + lift <= out.getLast().logProb) break;
                ConstraintState next = accept(cs, tok);
                if (next == null) {
                    if (Double.isNaN(firstAccepted)) refused += Math.exp(lp);
                    continue;
                }
                if (Double.isNaN(firstAccepted)) firstAccepted = lp;
                Choice c = new Choice(tok, next, w > 0 ? lp + w * (next.linkPotential() - phi) : lp);
                int at = out.size();
                while (at > 0 && out.get(at - 1).logProb < c.logProb) at--;
                if (at < k) {
                    out.add(at, c);
                    if (out.size() > k) out.removeLast();
                }
            }
            if (refused <= 0 || out.isEmpty()) return out;
            double renorm = Math.log(Math.max(Math.exp(firstAccepted), 1 - refused));
            List<Choice> scaled = new ArrayList<>(out.size());
            for (Choice c : out) scaled.add(new Choice(c.token, c.next, c.logProb - renorm));
            return scaled;
        }

        /**
         * A decoding of one question as a cursor, so that several questions can step in one batch:
         * {@link #next} chooses from the current logits and names the states to step with which
         * tokens, until it returns false and {@link #result} holds the candidates, best first.
         */
        interface Search {
            boolean next();
            EnsembleState[] states();
            int[] ids();
            List<Candidate> result();
        }

        /**
         * Greedy decoding. Under a constraint, a run that never ends (the token limit, or no allowed
         * token left) returns the complete query it passed with the best score including
         * {@code <eos>} there, if any: a looping tail ({@code AND a = 1 AND b = 1 ...}) is dropped
         * rather than the whole answer lost.
         */
        final class Greedy implements Search {
            private final EnsembleState[] state;
            private final int[] id = new int[1];
            private final int maxNew;
            private final IntList toks = new IntList();
            private ConstraintState cs = start;
            private double lp;
            private Candidate complete;     // the best complete prefix so far, ended there
            private Candidate result;       // set once decoding has ended

            Greedy(EnsembleState s, int maxNew) {
                this.state = new EnsembleState[]{s};
                this.maxNew = maxNew;
            }

            @Override public boolean next() {
                float[] logits = state[0].logits();
                Candidate ended = toks.n > 0 && cs.canEnd() ? endedHere(toks.toArray(), lp, cs, logits, 0) : null;
                if (ended != null && (complete == null || ended.score() > complete.score())) complete = ended;
                List<Choice> c = top(logits, cs, 1);
                if (c.isEmpty()) return end(false);
                Choice ch = c.getFirst();
                lp += ch.logProb;
                if (ch.token == EOS) return end(true);
                toks.add(ch.token);
                cs = ch.next;
                id[0] = ch.token;
                return toks.n < maxNew || end(false);
            }

            private boolean end(boolean finished) {
                result = finished ? new Candidate(toks.toArray(), lp, lp, true)
                        : complete != null ? complete : new Candidate(toks.toArray(), lp, lp, false);
                return false;
            }

            @Override public EnsembleState[] states() { return state; }
            @Override public int[] ids() { return id; }
            @Override public List<Candidate> result() { return List.of(result); }
        }

        /**
         * The prefix ended by {@code <eos>} here, when the constraint says it is a complete query (null
         * otherwise, and always without a constraint, where every prefix "is complete").
         */
        Candidate endedHere(int[] tokens, double logProb, ConstraintState cs, float[] logits, double penalty) {
            if (start == Unconstrained.STATE || tokens.length == 0 || !cs.canEnd()) return null;
            double lp = logProb + logits[EOS] - logSumExp(logits);
            return new Candidate(tokens, lp / Math.pow(tokens.length + 1, penalty), lp, true);
        }

        List<Candidate> sample(EnsembleState root, int maxNew, GenerationConfig cfg) {
            SplittableRandom rng = new SplittableRandom(cfg.seed());
            List<Candidate> out = new ArrayList<>();
            for (int n = 0; n < cfg.nBest(); n++) {
                EnsembleState s = n + 1 < cfg.nBest() ? fork(root) : root;
                out.add(sampleOne(s, maxNew, cfg, rng));
            }
            out.sort(Comparator.comparingDouble(Candidate::score).reversed());
            return out;
        }

        Candidate sampleOne(EnsembleState s, int maxNew, GenerationConfig cfg, SplittableRandom rng) {
            IntList toks = new IntList();
            ConstraintState cs = start;
            double lp = 0;
            int V = vocab.size();
            int[] ids = new int[V];
            double[] mass = new double[V];
            ConstraintState[] nexts = new ConstraintState[V];
            for (int i = 0; i < maxNew; i++) {
                float[] logits = s.logits();
                double lse = logSumExp(logits);
                float max = Float.NEGATIVE_INFINITY;
                for (float l : logits) max = Math.max(max, l);
                double invT = 1.0 / cfg.temperature(), z = 0;
                for (float l : logits) z += Math.exp((l - max) * invT);
                // Walk by descending logit; stop at top-k accepted, or when the accepted tokens hold
                // top-p of the probability the constraint has not refused so far.
                int n = 0;
                double accepted = 0, refused = 0;
                order.reset(logits);
                while (order.hasNext()) {
                    int tok = order.next();
                    double p = Math.exp((logits[tok] - max) * invT) / z;
                    ConstraintState next = accept(cs, tok);
                    if (next == null) { refused += p; continue; }
                    ids[n] = tok; mass[n] = p; nexts[n] = next; n++;
                    accepted += p;
                    if ((cfg.topK() > 0 && n >= cfg.topK()) || accepted >= cfg.topP() * (1 - refused)) break;
                }
                if (n == 0) return new Candidate(toks.toArray(), lp, lp, false);
                double u = rng.nextDouble() * accepted;
                int pick = n - 1;
                for (int j = 0; j < n; j++) { u -= mass[j]; if (u < 0) { pick = j; break; } }
                int tok = ids[pick];
                lp += logits[tok] - lse;
                if (tok == EOS) return new Candidate(toks.toArray(), lp, lp, true);
                toks.add(tok);
                cs = nexts[pick];
                if (i + 1 < maxNew) { EnsembleState.stepAll(new EnsembleState[]{s}, new int[]{tok}); steps++; tokens++; }
            }
            return new Candidate(toks.toArray(), lp, lp, false);
        }

        EnsembleState fork(EnsembleState s) {
            forks++;
            return s.fork();
        }

        /** A live beam: its tokens so far, log-probability, constraint state and decoding state. */
        private record Beam(int[] tokens, double logProb, ConstraintState cs, EnsembleState state) {}

        private record Expansion(int beam, int rank, Choice choice, double logProb) {}

        /**
         * Beam search: each live beam proposes its 2 x width best allowed tokens, the width best
         * expansions live on, and they step together. A beam's decoding state goes to its first child;
         * further children get copies (of spare states where beams died).
         */
        final class Beams implements Search {
            private final int maxNew, width, nBest;
            private final double penalty;
            private final Comparator<Candidate> byScore = Comparator.comparingDouble(Candidate::score).reversed();
            private final List<Candidate> finished = new ArrayList<>();
            private final List<EnsembleState> spare = new ArrayList<>();
            private List<Beam> live;
            private Candidate complete;     // as in greedy: the best complete prefix of any beam, ended there
            private int chosen;             // tokens chosen per beam so far
            private EnsembleState[] states;
            private int[] ids;
            private List<Candidate> result;

            Beams(EnsembleState root, int maxNew, int width, double penalty, int nBest) {
                this.maxNew = maxNew;
                this.width = width;
                this.penalty = penalty;
                this.nBest = nBest;
                this.live = List.of(new Beam(new int[0], 0, start, root));
            }

            @Override public boolean next() {
                if (chosen >= maxNew) return end();
                List<Expansion> ex = new ArrayList<>();
                for (int b = 0; b < live.size(); b++) {
                    Beam bm = live.get(b);
                    float[] logits = bm.state.logits();
                    Candidate ended = endedHere(bm.tokens, bm.logProb, bm.cs, logits, penalty);
                    if (ended != null && (complete == null || ended.score() > complete.score())) complete = ended;
                    List<Choice> cs = top(logits, bm.cs, 2 * width);
                    for (int r = 0; r < cs.size(); r++) ex.add(new Expansion(b, r, cs.get(r), bm.logProb + cs.get(r).logProb));
                }
                ex.sort(Comparator.comparingDouble((Expansion e) -> -e.logProb).thenComparingInt(e -> e.beam).thenComparingInt(e -> e.rank));
                List<Expansion> next = new ArrayList<>(width);
                for (int r = 0; r < ex.size() && next.size() < width; r++) {
                    Expansion e = ex.get(r);
                    if (e.choice.token == EOS) {
                        // As in HF's beam search an ending counts among the best `width` expansions; and also where it is
                        // its own beam's best allowed token: under a constraint, paths through literals (unconstrained)
                        // outscore the constrained ones, and the query greedy decoding would have ended was lost.
                        if (r < width || e.rank == 0) {
                            int[] t = live.get(e.beam).tokens;
                            finished.add(new Candidate(t, e.logProb / Math.pow(t.length + 1, penalty), e.logProb, true));
                        }
                    } else next.add(e);
                }
                if (next.isEmpty()) return end();     // no allowed continuation: the live beams end here, unfinished
                finished.sort(byScore);
                if (finished.size() >= width) {
                    double bestLive = Double.NEGATIVE_INFINITY;
                    for (Expansion e : next) bestLive = Math.max(bestLive, e.logProb / Math.pow(live.get(e.beam).tokens.length + 1, penalty));
                    if (bestLive <= finished.get(width - 1).score()) { live = List.of(); return end(); }
                }
                chosen++;
                boolean stepFollows = chosen < maxNew;     // after the last token no state is stepped: no copies
                live = children(next, stepFollows);
                if (!stepFollows) return end();
                states = new EnsembleState[live.size()];
                ids = new int[live.size()];
                for (int j = 0; j < live.size(); j++) {
                    states[j] = live.get(j).state;
                    ids[j] = live.get(j).tokens[chosen - 1];
                }
                return true;
            }

            /** The new beams, with their decoding states: copies first (their parents are not stepped yet), then the parents handed over. */
            private List<Beam> children(List<Expansion> next, boolean stepFollows) {
                int[] children = new int[live.size()];
                for (Expansion e : next) children[e.beam]++;
                for (int b = 0; b < live.size(); b++) if (children[b] == 0) spare.add(live.get(b).state);
                boolean[] handedOver = new boolean[live.size()];
                EnsembleState[] assigned = new EnsembleState[next.size()];
                for (int j = 0; j < next.size() && stepFollows; j++) {
                    Expansion e = next.get(j);
                    if (!handedOver[e.beam]) { handedOver[e.beam] = true; continue; }
                    EnsembleState parent = live.get(e.beam).state;
                    EnsembleState copy;
                    if (spare.isEmpty()) copy = fork(parent);
                    else { copy = spare.removeLast(); copy.copyFrom(parent); forks++; }
                    assigned[j] = copy;
                }
                List<Beam> nb = new ArrayList<>(next.size());
                for (int j = 0; j < next.size(); j++) {
                    Expansion e = next.get(j);
                    Beam parent = live.get(e.beam);
                    int[] t = Arrays.copyOf(parent.tokens, parent.tokens.length + 1);
                    t[t.length - 1] = e.choice.token;
                    nb.add(new Beam(t, e.logProb, e.choice.next, assigned[j] != null ? assigned[j] : parent.state));
                }
                return nb;
            }

            private boolean end() {
                if (finished.isEmpty() && complete != null) finished.add(complete);
                if (finished.size() < nBest)
                    for (Beam b : live) finished.add(new Candidate(b.tokens, b.logProb / Math.pow(Math.max(1, b.tokens.length), penalty), b.logProb, false));
                // a finished query ranks above any unfinished one: an unfinished one is never an answer
                finished.sort(Comparator.comparing((Candidate c) -> !c.finished()).thenComparing(byScore));
                result = List.copyOf(finished.subList(0, Math.min(nBest, finished.size())));
                return false;
            }

            @Override public EnsembleState[] states() { return states; }
            @Override public int[] ids() { return ids; }
            @Override public List<Candidate> result() { return result; }
        }
    }

    /** The log-normalizer of a step's logits: the same computation as the training loss. */
    static double logSumExp(float[] x) { return CrossEntropy.logSumExp(x, 0, x.length); }

    /** A growable int array. */
    private static final class IntList {
        int[] a = new int[32];
        int n;
        void add(int v) { if (n == a.length) a = Arrays.copyOf(a, 2 * n); a[n++] = v; }
        int[] toArray() { return Arrays.copyOf(a, n); }
    }
}
