package dev.vantage.model;

import dev.vantage.engine.CrossEntropy;
import dev.vantage.engine.Embedding;
import dev.vantage.engine.MatMul;
import dev.vantage.engine.RmsNorm;
import dev.vantage.engine.Rope;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The Vantage model of spec/MODEL.md in float32 with explicit forward and backward: schema encoder,
 * decoder with causal RoPE self-attention, cross-attention every c-th layer, MoE feed-forward, tied
 * LM head. One instance holds the activations of its last forward, so backward follows it.
 *
 * <p>Inference does not use that state: {@link #encodeSchema}, {@link #newDecodeState} and
 * {@link #prefill} put everything of one sequence into a {@link DecodeState}, and read only the
 * weights, so one model serves any number of decoding threads (as long as nobody trains it meanwhile).
 */
public final class VantageModel {
    public final ModelConfig cfg;
    final Param embed, encNorm, norm;
    final AttentionBlock[] encAttn, decAttn, crossAttn;
    final DenseFfnBlock[] encFfn;
    final MoeBlock[] moe;
    private final List<Param> params = new ArrayList<>();
    final Rope rope;
    public final StepProfile profile = new StepProfile();

    // State of the last forward.
    private Batch batch;
    private float[] h, hEnc, mem, hFinal, hn, rstdFinal, hnEnc, rstdEnc, logits;
    private int[] logitRows;
    private float[] rowsIn, drows, dhn, dh, dmem, dhe;   // backward scratch
    private double auxScale, zScale;
    // Hidden dropout (training only): the embeddings and every residual branch, one mask holder each.
    private final ResidualDropout embDrop = new ResidualDropout(), embEncDrop = new ResidualDropout();
    private final ResidualDropout[] encAttnDrop, encFfnDrop, selfDrop, crossDrop, moeDrop;

    public VantageModel(ModelConfig cfg) { this(cfg, true); }

    /** alloc false leaves every weight unallocated, for {@link Checkpoint#openMapped}. */
    VantageModel(ModelConfig cfg, boolean alloc) {
        this.cfg = cfg;
        int d = cfg.hiddenSize();
        embed = add(new Param("model.embed_tokens.weight", alloc, cfg.vocabSize(), d));
        int ls = cfg.hasSchemaEncoder() ? cfg.schemaEncoderLayers() : 0;
        encAttn = new AttentionBlock[ls];
        encFfn = new DenseFfnBlock[ls];
        for (int j = 0; j < ls; j++) {
            String p = "model.schema_encoder.layers." + j + ".";
            encAttn[j] = AttentionBlock.selfAttention(cfg, p, false, alloc);
            encFfn[j] = new DenseFfnBlock(cfg, p, alloc);
            addAll(encAttn[j].params());
            addAll(encFfn[j].params());
        }
        encNorm = ls > 0 ? add(new Param("model.schema_encoder.norm.weight", alloc, d)) : null;
        int L = cfg.numHiddenLayers();
        decAttn = new AttentionBlock[L];
        crossAttn = new AttentionBlock[L];
        moe = new MoeBlock[L];
        for (int l = 0; l < L; l++) {
            String p = "model.layers." + l + ".";
            decAttn[l] = AttentionBlock.selfAttention(cfg, p, true, alloc);
            addAll(decAttn[l].params());
            if (cfg.hasCrossAttention(l)) {
                crossAttn[l] = AttentionBlock.crossAttention(cfg, p, alloc);
                addAll(crossAttn[l].params());
            }
            moe[l] = new MoeBlock(cfg, p, alloc);
            addAll(moe[l].params());
        }
        norm = add(new Param("model.norm.weight", alloc, d));
        encAttnDrop = dropouts(ls);
        encFfnDrop = dropouts(ls);
        selfDrop = dropouts(L);
        crossDrop = dropouts(L);
        moeDrop = dropouts(L);
        rope = new Rope(cfg.headDim(), cfg.maxPositionEmbeddings(), cfg.ropeTheta());
    }

    private static ResidualDropout[] dropouts(int n) {
        ResidualDropout[] a = new ResidualDropout[n];
        for (int i = 0; i < n; i++) a[i] = new ResidualDropout();
        return a;
    }

    private Param add(Param p) { params.add(p); return p; }
    private void addAll(Param[] ps) { Collections.addAll(params, ps); }

    /** Every weight, in checkpoint order. */
    public List<Param> params() { return Collections.unmodifiableList(params); }

    public Map<String, Param> paramsByName() {
        Map<String, Param> m = new LinkedHashMap<>();
        for (Param p : params) m.put(p.name, p);
        return m;
    }

    /** Normal(0, std) for matrices and embeddings, ones for norms: the same values {@code init} streams to disk. */
    public void initRandom(long seed, double std) {
        for (int i = 0; i < params.size(); i++) RandomInit.fill(seed, i, params.get(i).shape.length, std, params.get(i).w);
    }

    /** What a forward pass reports. */
    public record Output(double loss, double ceLoss, double auxLoss, double zLoss, int lossTokens,
                         float[] lastLogits, long[][] expertCounts, long[][] expertKept) {}

    /**
     * A training forward: expert capacity from the config's capacity_factor, dropout drawn from rng
     * (null: no dropout). Backward may follow.
     */
    public Output forward(Batch b, SplittableRandom rng) { return forward(b, cfg.capacityFactor(), rng); }

    /** A measuring forward (validation loss, checks): dropless, no dropout, as inference runs. Backward may follow. */
    public Output forwardDropless(Batch b) { return forward(b, 0, null); }

    private Output forward(Batch b, double capacityFactor, SplittableRandom rng) {
        this.batch = b;
        int d = cfg.hiddenSize(), V = cfg.vocabSize(), L = cfg.numHiddenLayers();
        int ns = b.schemaTokens(), ni = b.inputTokens();
        double pd = rng == null ? 0 : cfg.hiddenDropout();
        Rows schemaRows = b.schemaRows(), inputRows = b.inputRows();
        if (cfg.hasSchemaEncoder()) {
            if (ns == 0) throw new IllegalArgumentException("this model has a schema encoder: schema_ids must not be empty");
            hEnc = Buffers.grow(hEnc, ns * d);
            embed.gatherRows(b.schemaIds, hEnc, ns, d);
            embEncDrop.applyInPlace(hEnc, ns, d, pd, rng);
            for (int j = 0; j < encAttn.length; j++) {
                long t0 = profile.start();
                encAttnDrop[j].begin(hEnc, ns, d, pd, rng);
                encAttn[j].forwardSelf(hEnc, schemaRows, rope);
                encAttnDrop[j].end(hEnc, ns, d, pd, rng);
                profile.stop("encoder attention fwd", t0);
                t0 = profile.start();
                encFfnDrop[j].begin(hEnc, ns, d, pd, rng);
                encFfn[j].forward(hEnc, ns);
                encFfnDrop[j].end(hEnc, ns, d, pd, rng);
                profile.stop("encoder ffn fwd", t0);
            }
            mem = Buffers.grow(mem, ns * d);
            rstdEnc = Buffers.grow(rstdEnc, ns);
            RmsNorm.forward(hEnc, encNorm.w, mem, rstdEnc, ns, d, (float) cfg.rmsNormEps());
        }
        h = Buffers.grow(h, ni * d);
        embed.gatherRows(b.inputIds, h, ni, d);
        embDrop.applyInPlace(h, ni, d, pd, rng);
        double aux = 0, z = 0;
        long[][] counts = new long[L][], keptC = new long[L][];
        for (int l = 0; l < L; l++) {
            long t0 = profile.start();
            selfDrop[l].begin(h, ni, d, pd, rng);
            decAttn[l].forwardSelf(h, inputRows, rope);
            selfDrop[l].end(h, ni, d, pd, rng);
            profile.stop("self-attention fwd", t0);
            if (crossAttn[l] != null) {
                t0 = profile.start();
                crossDrop[l].begin(h, ni, d, pd, rng);
                crossAttn[l].forwardCross(h, inputRows, mem, schemaRows);
                crossDrop[l].end(h, ni, d, pd, rng);
                profile.stop("cross-attention fwd", t0);
            }
            t0 = profile.start();
            moeDrop[l].begin(h, ni, d, pd, rng);
            moe[l].forward(h, ni, capacityFactor, rng == null ? 0 : cfg.expertDropout(), rng);
            moeDrop[l].end(h, ni, d, pd, rng);
            profile.stop("moe fwd", t0);
            aux += moe[l].auxLoss;
            z += moe[l].zLoss;
            counts[l] = moe[l].assigned;
            keptC[l] = moe[l].keptCounts;
        }
        aux /= L;
        z /= L;
        hFinal = h;
        hn = Buffers.grow(hn, ni * d);
        rstdFinal = Buffers.grow(rstdFinal, ni);
        RmsNorm.forward(hFinal, norm.w, hn, rstdFinal, ni, d, (float) cfg.rmsNormEps());

        // Logits only where needed: the loss positions, then row 0's last position.
        long tHead = profile.start();
        int nl = b.lossPos.length;
        logitRows = new int[nl + 1];
        System.arraycopy(b.lossPos, 0, logitRows, 0, nl);
        logitRows[nl] = b.lastPos[0];
        rowsIn = Buffers.grow(rowsIn, (nl + 1) * d);
        for (int i = 0; i <= nl; i++) System.arraycopy(hn, logitRows[i] * d, rowsIn, i * d, d);
        logits = Buffers.grow(logits, (nl + 1) * V);
        embed.linear(rowsIn, 0, logits, 0, nl + 1, V, d, false);
        float[] last = java.util.Arrays.copyOfRange(logits, nl * V, (nl + 1) * V);
        double ce = nl == 0 ? 0 : CrossEntropy.forwardBackward(logits, b.lossTarget, nl, V, true, 1f / nl) / nl;
        profile.stop("lm head + loss fwd", tHead);
        auxScale = cfg.routerAuxLossCoef() / L;
        zScale = cfg.routerZLossCoef() / L;
        double loss = ce + cfg.routerAuxLossCoef() * aux + cfg.routerZLossCoef() * z;
        return new Output(loss, ce, aux, z, nl, last, counts, keptC);
    }

    /**
     * The logits [V] of the last {@link #forward} at a packed decoder position (see {@link Batch}), from
     * its final normalized hidden state: any position of any row, whether or not it was a loss position.
     */
    public float[] logitsAt(int packedPos) {
        int d = cfg.hiddenSize(), V = cfg.vocabSize();
        if (batch == null || packedPos < 0 || packedPos >= batch.inputTokens()) throw new IllegalArgumentException("no position " + packedPos + " in the last forward");
        float[] row = java.util.Arrays.copyOfRange(hn, packedPos * d, (packedPos + 1) * d), out = new float[V];
        embed.linear(row, 0, out, 0, 1, V, d, false);
        return out;
    }

    // ---- Inference: per-sequence state, weights only read (see DecodeState). ----

    /**
     * Inference forward of a batch: the logits [rows][V] of every row's last position, keeping
     * nothing for backward (each row's schema encoded once, its tokens run as one prefill).
     */
    public float[][] lastLogits(Batch b) {
        float[][] out = new float[b.rows][];
        for (int r = 0; r < b.rows; r++) {
            int[] schema = cfg.hasSchemaEncoder() ? java.util.Arrays.copyOfRange(b.schemaIds, b.schemaStart[r], b.schemaStart[r] + b.schemaLen[r]) : null;
            int[] input = java.util.Arrays.copyOfRange(b.inputIds, b.inputStart[r], b.inputStart[r] + b.inputLen[r]);
            out[r] = prefill(schema, input).logits();
        }
        return out;
    }

    /** Encodes one question's schema once: the memory every cross-attention layer reads (models with c > 0). */
    public SchemaMemory encodeSchema(int[] schemaIds) {
        if (schemaIds == null) throw new IllegalArgumentException("this model has a schema encoder: schema ids are required");
        return Inference.encode(this, schemaIds);
    }

    /** An empty decoding state; memory from {@link #encodeSchema}, or null for a model with c = 0. */
    public DecodeState newDecodeState(SchemaMemory memory, int capacityHint) {
        if (cfg.hasSchemaEncoder() && memory == null) throw new IllegalArgumentException("this model reads a schema memory: pass encodeSchema(schemaIds)");
        if (!cfg.hasSchemaEncoder() && memory != null) throw new IllegalArgumentException("this model has no schema encoder (c = 0): put the schema in the prompt");
        return new DecodeState(this, memory, capacityHint);
    }

    /**
     * Encodes the schema (when the model has an encoder; schemaIds is ignored and may be null when
     * c = 0) and runs the prompt; the state's {@link DecodeState#logits()} then predict the first new token.
     */
    public DecodeState prefill(int[] schemaIds, int[] promptIds) {
        SchemaMemory mem = cfg.hasSchemaEncoder() ? encodeSchema(schemaIds) : null;
        DecodeState s = newDecodeState(mem, promptIds.length + 64);
        s.append(promptIds);
        return s;
    }

    /** Identifies the last forward's routing decisions (top-k and capacity drops), for gradient checks. */
    public long routingSignature() {
        long sig = 17;
        for (MoeBlock m : moe) sig = sig * 31 + m.routingHash();
        return sig;
    }

    /** Clears every gradient. */
    public void zeroGrad() { for (Param p : params) p.zeroGrad(); }

    /** Accumulates d(loss)/d(weights) of the last forward into the params' gradients. */
    public void backward() {
        Batch b = batch;
        int d = cfg.hiddenSize(), V = cfg.vocabSize(), L = cfg.numHiddenLayers();
        int ns = b.schemaTokens(), ni = b.inputTokens(), nl = b.lossPos.length;
        Rows schemaRows = b.schemaRows(), inputRows = b.inputRows();
        for (Param p : params) if (p.g == null) p.zeroGrad();
        long tHead = profile.start();
        // LM head (tied): logits rows 0..nl hold dlogits after CrossEntropy; the debug row is excluded.
        for (int i = 0; i < nl; i++) System.arraycopy(hn, logitRows[i] * d, rowsIn, i * d, d);
        drows = Buffers.grow(drows, nl * d);
        MatMul.xW(logits, 0, embed.w, 0, drows, 0, nl, V, d, false);
        MatMul.xtY(logits, 0, rowsIn, 0, embed.g, 0, nl, V, d, true);
        dhn = Buffers.zeroed(dhn, ni * d);
        for (int i = 0; i < nl; i++) MatMul.axpy(1f, drows, i * d, dhn, logitRows[i] * d, d);
        dh = Buffers.zeroed(dh, ni * d);
        RmsNorm.backward(dhn, hFinal, norm.w, rstdFinal, dh, norm.g, ni, d);
        profile.stop("lm head bwd", tHead);
        if (cfg.hasSchemaEncoder()) dmem = Buffers.zeroed(dmem, ns * d);
        for (int l = L - 1; l >= 0; l--) {
            long t0 = profile.start();
            moe[l].backward(moeDrop[l].branchGradient(dh, ni, d), auxScale, zScale);
            moeDrop[l].finishBackward(dh, ni, d);
            profile.stop("moe bwd", t0);
            if (crossAttn[l] != null) {
                t0 = profile.start();
                crossAttn[l].backwardCross(crossDrop[l].branchGradient(dh, ni, d), inputRows, mem, dmem, schemaRows);
                crossDrop[l].finishBackward(dh, ni, d);
                profile.stop("cross-attention bwd", t0);
            }
            t0 = profile.start();
            decAttn[l].backwardSelf(selfDrop[l].branchGradient(dh, ni, d), inputRows, rope);
            selfDrop[l].finishBackward(dh, ni, d);
            profile.stop("self-attention bwd", t0);
        }
        embDrop.backwardInPlace(dh, ni, d);
        Embedding.scatterAdd(embed.g, b.inputIds, dh, ni, d);
        if (cfg.hasSchemaEncoder()) {
            dhe = Buffers.zeroed(dhe, ns * d);
            RmsNorm.backward(dmem, hEnc, encNorm.w, rstdEnc, dhe, encNorm.g, ns, d);
            for (int j = encAttn.length - 1; j >= 0; j--) {
                long t0 = profile.start();
                encFfn[j].backward(encFfnDrop[j].branchGradient(dhe, ns, d), ns);
                encFfnDrop[j].finishBackward(dhe, ns, d);
                profile.stop("encoder ffn bwd", t0);
                t0 = profile.start();
                encAttn[j].backwardSelf(encAttnDrop[j].branchGradient(dhe, ns, d), schemaRows, rope);
                encAttnDrop[j].finishBackward(dhe, ns, d);
                profile.stop("encoder attention bwd", t0);
            }
            embEncDrop.backwardInPlace(dhe, ns, d);
            Embedding.scatterAdd(embed.g, b.schemaIds, dhe, ns, d);
        }
    }
}
