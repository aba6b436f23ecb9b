package dev.vantage.model;

import dev.vantage.engine.Attention;
import dev.vantage.engine.MatMul;
import dev.vantage.engine.Parallel;
import dev.vantage.engine.RmsNorm;
import dev.vantage.engine.SwiGlu;

/**
 * The inference forward of spec/MODEL.md: the same math as the training forward ({@link TrainingPass})
 * but keeping nothing for backward, reading only the weights, with every buffer in the caller's
 * {@link DecodeState}. New tokens go through the decoder against the state's
 * KV cache; the schema is encoded once per question into a {@link SchemaMemory}. MoE is dropless.
 */
final class Inference {
    private Inference() {}

    /** y[M,N] (+)= x[M,K] W^T: the few-rows kernels (f32 or mapped bf16) for decoding steps, the packed GEMM otherwise. */
    static void linear(Param p, float[] x, int xOff, float[] y, int yOff, int M, int N, int K, boolean acc) {
        if (M > MatMul.FEW_ROWS) p.linear(x, xOff, y, yOff, M, N, K, acc);
        else if (p.w != null) MatMul.xWtFewRows(x, xOff, p.w, 0, y, yOff, M, N, K, acc);
        else MatMul.xWtFewRowsBf16(x, xOff, p.bf16, 0, y, yOff, M, N, K, acc);
    }

    /** The schema encoder plus every cross-attention layer's K and V of the encoded schema. */
    static SchemaMemory encode(VantageModel m, int[] ids) {
        ModelConfig c = m.cfg;
        if (!c.hasSchemaEncoder()) throw new IllegalStateException("this model has no schema encoder (cross_attention_interval = 0): the schema goes into the prompt");
        int S = ids.length, d = c.hiddenSize(), H = c.numAttentionHeads(), Hkv = c.numKeyValueHeads();
        int qd = m.heads.qWidth(), kvd = c.kvDim(), fs = c.schemaIntermediateSize(), L = c.numHiddenLayers();
        float eps = (float) c.rmsNormEps();
        if (S == 0) throw new IllegalArgumentException("this model has a schema encoder: schema_ids must not be empty");
        if (S > c.maxPositionEmbeddings()) throw new IllegalArgumentException("schema of " + S + " tokens exceeds max_position_embeddings " + c.maxPositionEmbeddings());
        // Buffers of this call only (once per question): X, XN [S, d]; Q, ATT [S, qd]; K, V [S, kvd]; G, U, A [S, fs]; P [H, S, S].
        float[] x = new float[S * d], xn = new float[S * d], rstd = new float[S];
        float[] q = new float[S * qd], kk = new float[S * kvd], vv = new float[S * kvd], att = new float[S * qd];
        float[] g = new float[S * fs], u = new float[S * fs], a = new float[S * fs];
        int[] pos = new int[S];
        for (int t = 0; t < S; t++) pos[t] = t;
        Attention.Rows rows = Attention.Rows.self(new int[]{0}, new int[]{S}, false);   // one row, bidirectional
        int[] pOff = rows.probOffsets(m.heads);
        float[] p = new float[pOff[1]];
        Attention.Tensors at = new Attention.Tensors(q, kk, vv, att, p, pOff);
        m.embed.gatherRows(ids, x, S, d);
        for (int j = 0; j < m.encAttn.length; j++) {
            AttentionBlock b = m.encAttn[j];
            RmsNorm.forward(x, b.norm.w, xn, rstd, S, d, eps);
            b.wq.linear(xn, 0, q, 0, S, qd, d, false);
            b.wk.linear(xn, 0, kk, 0, S, kvd, d, false);
            b.wv.linear(xn, 0, vv, 0, S, kvd, d, false);
            m.rope.apply(q, pos, S, H, 1);
            m.rope.apply(kk, pos, S, Hkv, 1);
            Attention.forward(m.heads, rows, at);
            b.wo.linear(att, 0, x, 0, S, d, qd, true);
            DenseFfnBlock f = m.encFfn[j];
            RmsNorm.forward(x, f.norm.w, xn, rstd, S, d, eps);
            f.gate.linear(xn, 0, g, 0, S, fs, d, false);
            f.up.linear(xn, 0, u, 0, S, fs, d, false);
            SwiGlu.forward(g, u, a, S * fs);
            f.down.linear(a, 0, x, 0, S, d, fs, true);
        }
        RmsNorm.forward(x, m.encNorm.w, xn, rstd, S, d, eps);     // xn = M [S, d]
        float[][] ck = new float[L][], cv = new float[L][];
        for (int l = 0; l < L; l++) {
            AttentionBlock b = m.crossAttn[l];
            if (b == null) continue;
            ck[l] = new float[S * kvd];
            cv[l] = new float[S * kvd];
            b.wk.linear(xn, 0, ck[l], 0, S, kvd, d, false);
            b.wv.linear(xn, 0, cv[l], 0, S, kvd, d, false);
        }
        return new SchemaMemory(S, ck, cv);
    }

    /** Appends ids to one state (prefill); the state's logits become those after the last id. */
    static void append(DecodeState s, int[] ids) {
        int n = ids.length;
        DecodeScratch w = s.scratch();
        w.ensure(s.model.cfg, n, 1, maxKeys(s, s.pos + n));
        s.ensureCapacity(s.pos + n);
        for (int t = 0; t < n; t++) { w.ids[t] = ids[t]; w.owner[t] = 0; w.pos[t] = s.pos + t; }
        run(new DecodeState[]{s}, n, w);
    }

    /** One token per state; the scratch of the first state serves the call. */
    static void stepAll(DecodeState[] states, int[] ids) {
        int n = states.length, keys = 0;
        for (DecodeState s : states) keys = Math.max(keys, maxKeys(s, s.pos + 1));
        DecodeScratch w = states[0].scratch();
        w.ensure(states[0].model.cfg, n, n, keys);
        for (int t = 0; t < n; t++) {
            states[t].ensureCapacity(states[t].pos + 1);
            w.ids[t] = ids[t]; w.owner[t] = t; w.pos[t] = states[t].pos;
        }
        run(states, n, w);
    }

    private static int maxKeys(DecodeState s, int selfKeys) {
        return Math.max(selfKeys, s.memory == null ? 0 : s.memory.length);
    }

    /**
     * The decoder over n new tokens held in w (ids, owner state, position). Each token's K and V go
     * into its state's cache at its position first, then each token attends to positions 0..its own
     * of its state: causal within a prefill, and one query per state in a step.
     */
    private static void run(DecodeState[] states, int n, DecodeScratch w) {
        VantageModel m = states[0].model;
        ModelConfig c = m.cfg;
        int d = c.hiddenSize(), H = c.numAttentionHeads(), Hkv = c.numKeyValueHeads();
        int qd = m.heads.qWidth(), kvd = c.kvDim(), L = c.numHiddenLayers(), V = c.vocabSize();
        float eps = (float) c.rmsNormEps();
        if (c.hasSchemaEncoder())
            for (DecodeState s : states) if (s.memory == null) throw new IllegalStateException("this model reads a schema memory: create the state with encodeSchema");
        m.embed.gatherRows(w.ids, w.h, n, d);
        // Several tokens of one state (a prefill): attention as the training forward runs it, GEMMs
        // over the whole block, instead of one query at a time. p [H, n, max(n, S)] for this call.
        boolean block = states.length == 1 && n > 1;
        boolean fromStart = block && w.pos[0] == 0;
        SchemaMemory mem0 = states[0].memory;
        int[] qStart = {0}, qLen = {n}, sLen = {mem0 == null ? 0 : mem0.length};
        Attention.Rows self = fromStart ? Attention.Rows.self(qStart, qLen, true) : null;
        Attention.Rows cross = block ? Attention.Rows.cross(qStart, qLen, qStart, sLen) : null;
        int[] pSelf = fromStart ? self.probOffsets(m.heads) : null, pCross = block ? cross.probOffsets(m.heads) : null;
        float[] p = block ? new float[Math.max(fromStart ? pSelf[1] : 0, pCross[1])] : null;
        Attention.Decode tokens = new Attention.Decode(m.heads, w.q, w.att, w.scores);   // token t's query and output: row t of q, att
        for (int l = 0; l < L; l++) {
            AttentionBlock a = m.decAttn[l];
            RmsNorm.forward(w.h, a.norm.w, w.xn, w.rstd, n, d, eps);
            linear(a.wq, w.xn, 0, w.q, 0, n, qd, d, false);
            linear(a.wk, w.xn, 0, w.k, 0, n, kvd, d, false);
            linear(a.wv, w.xn, 0, w.v, 0, n, kvd, d, false);
            m.rope.apply(w.q, w.pos, n, H, 1);
            m.rope.apply(w.k, w.pos, n, Hkv, 1);
            for (int t = 0; t < n; t++) {
                DecodeState s = states[w.owner[t]];
                System.arraycopy(w.k, t * kvd, s.k[l], w.pos[t] * kvd, kvd);
                System.arraycopy(w.v, t * kvd, s.v[l], w.pos[t] * kvd, kvd);
            }
            if (fromStart)
                Attention.forward(m.heads, self, new Attention.Tensors(w.q, states[0].k[l], states[0].v[l], w.att, p, pSelf));
            else
                for (int t = 0; t < n; t++) {
                    DecodeState s = states[w.owner[t]];
                    Attention.singleQuery(tokens, t, s.k[l], s.v[l], w.pos[t] + 1);
                }
            linear(a.wo, w.att, 0, w.h, 0, n, d, qd, true);
            AttentionBlock x = m.crossAttn[l];
            if (x != null) {
                RmsNorm.forward(w.h, x.norm.w, w.xn, w.rstd, n, d, eps);
                linear(x.wq, w.xn, 0, w.q, 0, n, qd, d, false);
                if (block)
                    Attention.forward(m.heads, cross, new Attention.Tensors(w.q, mem0.k[l], mem0.v[l], w.att, p, pCross));
                else
                    for (int t = 0; t < n; t++) {
                        SchemaMemory mem = states[w.owner[t]].memory;
                        Attention.singleQuery(tokens, t, mem.k[l], mem.v[l], mem.length);
                    }
                linear(x.wo, w.att, 0, w.h, 0, n, d, qd, true);
            }
            moe(m.moe[l], c, w, n);
        }
        // Logits of each state's last new token.
        int ns = states.length;
        int[] last = new int[ns];
        for (int t = 0; t < n; t++) last[w.owner[t]] = t;
        for (int i = 0; i < ns; i++) System.arraycopy(w.h, last[i] * d, w.xn, i * d, d);
        RmsNorm.forward(w.xn, m.norm.w, w.hn, w.hnRstd, ns, d, eps);
        linear(m.embed, w.hn, 0, w.logits, 0, ns, V, d, false);
        for (int i = 0; i < ns; i++) {
            DecodeState s = states[i];
            if (s.logits == null) s.logits = new float[V];
            System.arraycopy(w.logits, i * V, s.logits, 0, V);
        }
        for (int t = 0; t < n; t++) {
            DecodeState s = states[w.owner[t]];
            s.pos = Math.max(s.pos, w.pos[t] + 1);
        }
    }

    /** h += MoE(RMSNorm(h)) over n rows, dropless: the router and top-k exactly as in training. */
    private static void moe(MoeBlock b, ModelConfig c, DecodeScratch w, int n) {
        int d = c.hiddenSize(), E = c.numLocalExperts(), K = c.numExpertsPerTok(), f = c.moeIntermediateSize();
        RmsNorm.forward(w.h, b.norm.w, w.xn, w.rstd, n, d, (float) c.rmsNormEps());
        linear(b.router, w.xn, 0, w.router, 0, n, E, d, false);
        float[] probs = w.router;
        java.util.Arrays.fill(w.count, 0);
        for (int t = 0; t < n; t++) {
            int o = t * E;
            MoeBlock.softmaxInPlace(probs, o, E);
            float sel = 0;
            for (int j = 0; j < K; j++) {     // strictly greater wins: ties keep the lower index
                int best = -1;
                for (int e = 0; e < E; e++) {
                    if (taken(w.top, t * K, j, e)) continue;
                    if (best < 0 || probs[o + e] > probs[o + best]) best = e;
                }
                w.top[t * K + j] = best;
                sel += probs[o + best];
                w.count[best]++;
            }
            for (int j = 0; j < K; j++) w.wts[t * K + j] = probs[o + w.top[t * K + j]] / sel;
        }
        // Group the n*K assignments by expert, in token order within each.
        w.eStart[0] = 0;
        int na = 0;
        for (int e = 0; e < E; e++) {
            w.eStart[e + 1] = w.eStart[e] + w.count[e];
            if (w.count[e] > 0) w.active[na++] = e;
        }
        System.arraycopy(w.eStart, 0, w.count, 0, E);   // count becomes the fill pointer
        for (int i = 0; i < n * K; i++) {
            int r = w.count[w.top[i]]++;
            w.order[r] = i;
            w.rowOf[i] = r;
        }
        for (int r = 0; r < n * K; r++) System.arraycopy(w.xn, (w.order[r] / K) * d, w.xe, r * d, d);
        final int nActive = na;
        Parallel.forChunks(nActive, nActive, (i, s0, e0) -> {
            int e = w.active[i], r0 = w.eStart[e], ne = w.eStart[e + 1] - r0;
            linear(b.w1[e], w.xe, r0 * d, w.ge, r0 * f, ne, f, d, false);
            linear(b.w3[e], w.xe, r0 * d, w.ue, r0 * f, ne, f, d, false);
            SwiGlu.forward(w.ge, w.ue, w.ae, r0 * f, ne * f);
            linear(b.w2[e], w.ae, r0 * f, w.ye, r0 * d, ne, d, f, false);
        });
        for (int t = 0; t < n; t++)
            for (int j = 0; j < K; j++) MatMul.axpy(w.wts[t * K + j], w.ye, w.rowOf[t * K + j] * d, w.h, t * d, d);
    }

    private static boolean taken(int[] top, int base, int j, int e) {
        for (int i = 0; i < j; i++) if (top[base + i] == e) return true;
        return false;
    }
}
