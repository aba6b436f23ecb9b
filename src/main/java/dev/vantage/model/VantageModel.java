package dev.vantage.model;

import dev.vantage.engine.Attention;
import dev.vantage.engine.Rope;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The Vantage model of spec/MODEL.md: schema encoder, decoder with causal RoPE self-attention,
 * cross-attention every c-th layer, MoE feed-forward, tied LM head. It holds the weights and nothing
 * that changes with a call, so one model serves any number of threads. Everything of one call lives
 * in the caller's state: a {@link DecodeState} per decoded sequence ({@link #prefill},
 * {@link #encodeSchema}, {@link #newDecodeState}), a {@link TrainingState} per training step
 * (activations kept for backward and the gradients). The only writer of the weights is the
 * optimizer, between training steps.
 */
public final class VantageModel {
    public final ModelConfig cfg;
    final Param embed, encNorm, norm;     // encNorm null when c = 0
    final AttentionBlock[] encAttn, decAttn, crossAttn;   // crossAttn[l] null in layers without it
    final DenseFfnBlock[] encFfn;
    final MoeBlock[] moe;
    final Rope rope;
    final Attention.Heads heads;         // H query heads of hd over Hkv KV heads, shared by every attention block
    private final List<Param> params;

    /** A model with every weight zero (fill it with {@link #initRandom}). */
    public VantageModel(ModelConfig cfg) { this(cfg, Param::zeros); }

    /** The blocks over the weights source supplies for each tensor of the config's layout. */
    VantageModel(ModelConfig cfg, WeightSource source) {
        this.cfg = cfg;
        ModelLayout layout = ModelLayout.of(cfg);
        List<ModelLayout.Tensor> tensors = layout.tensors();
        List<Param> ps = new ArrayList<>(tensors.size());
        Map<ModelLayout.Tensor, Param> byTensor = new IdentityHashMap<>();
        for (int i = 0; i < tensors.size(); i++) {
            Param p = source.load(i, tensors.get(i));
            ps.add(p);
            byTensor.put(tensors.get(i), p);
        }
        params = List.copyOf(ps);
        Function<ModelLayout.Tensor, Param> param = byTensor::get;
        rope = new Rope(cfg.headDim(), cfg.maxPositionEmbeddings(), cfg.ropeTheta());
        heads = new Attention.Heads(cfg.numAttentionHeads(), cfg.numKeyValueHeads(), cfg.headDim());
        embed = param.apply(layout.embedding);
        int ls = layout.encoder.size();
        encAttn = new AttentionBlock[ls];
        encFfn = new DenseFfnBlock[ls];
        for (int j = 0; j < ls; j++) {
            encAttn[j] = AttentionBlock.selfAttention(cfg, layout.encoder.get(j).attention(), param, heads, rope, false);
            encFfn[j] = new DenseFfnBlock(cfg, layout.encoder.get(j).ffn(), param);
        }
        encNorm = layout.encoderNorm == null ? null : param.apply(layout.encoderNorm);
        int L = layout.decoder.size();
        decAttn = new AttentionBlock[L];
        crossAttn = new AttentionBlock[L];
        moe = new MoeBlock[L];
        for (int l = 0; l < L; l++) {
            ModelLayout.DecoderLayer t = layout.decoder.get(l);
            decAttn[l] = AttentionBlock.selfAttention(cfg, t.selfAttention(), param, heads, rope, true);
            if (t.crossAttention() != null) crossAttn[l] = AttentionBlock.crossAttention(cfg, t.crossAttention(), param, heads);
            moe[l] = new MoeBlock(cfg, t.moe(), param);
        }
        norm = param.apply(layout.finalNorm);
    }

    /** Every weight, in checkpoint order. */
    public List<Param> params() { return params; }

    public Map<String, Param> paramsByName() {
        Map<String, Param> m = new LinkedHashMap<>();
        for (Param p : params) m.put(p.name, p);
        return m;
    }

    /** Normal(0, std) for matrices and embeddings, ones for norms: the same values {@code init} streams to disk. */
    public void initRandom(long seed, double std) {
        for (int i = 0; i < params.size(); i++) RandomInit.fill(seed, i, params.get(i).shape.length, std, params.get(i).w);
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
}
