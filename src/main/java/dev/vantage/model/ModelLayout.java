package dev.vantage.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checkpoint's tensors (names and shapes of spec/MODEL.md) computed from a config, without
 * allocating them, grouped by the block that uses them. The one place tensor names are built:
 * {@link VantageModel} builds its blocks from these groups, model-info counts from them and init
 * streams large models from them.
 */
public final class ModelLayout {
    /** The token embedding, also the LM head (tied). */
    public static final String EMBEDDING = "model.embed_tokens.weight";

    public record Tensor(String name, long[] shape, String component) {
        /** Elements; a config too large for a long fails here rather than counting negative. */
        public long numel() {
            long n = 1;
            for (long s : shape) n = Math.multiplyExact(n, s);
            return n;
        }
    }

    /** An attention block: its RMSNorm weight [d], then q [H*hd, d], k and v [Hkv*hd, d], o [d, H*hd]. */
    record Attention(Tensor norm, Tensor q, Tensor k, Tensor v, Tensor o) {
        List<Tensor> tensors() { return List.of(norm, q, k, v, o); }
    }

    /** The schema encoder's feed-forward: RMSNorm weight [d], gate and up [f, d], down [d, f]. */
    record DenseFfn(Tensor norm, Tensor gate, Tensor up, Tensor down) {
        List<Tensor> tensors() { return List.of(norm, gate, up, down); }
    }

    /** One expert: w1 (gate) [f, d], w2 (down) [d, f], w3 (up) [f, d]. */
    record Expert(Tensor w1, Tensor w2, Tensor w3) {}

    /** The MoE feed-forward: RMSNorm weight [d], router [E, d], then the experts in order. */
    record Moe(Tensor norm, Tensor router, List<Expert> experts) {
        List<Tensor> tensors() {
            List<Tensor> out = new ArrayList<>(List.of(norm, router));
            for (Expert e : experts) out.addAll(List.of(e.w1(), e.w2(), e.w3()));
            return out;
        }
    }

    record EncoderLayer(Attention attention, DenseFfn ffn) {}

    /** crossAttention is null in layers without it. */
    record DecoderLayer(Attention selfAttention, Attention crossAttention, Moe moe) {}

    final Tensor embedding, encoderNorm, finalNorm;   // encoderNorm null when c = 0
    final List<EncoderLayer> encoder;
    final List<DecoderLayer> decoder;

    private ModelLayout(ModelConfig c) {
        long d = c.hiddenSize();
        embedding = new Tensor(EMBEDDING, new long[]{c.vocabSize(), d}, "embeddings");
        List<EncoderLayer> enc = new ArrayList<>();
        if (c.hasSchemaEncoder()) {
            long fs = c.schemaIntermediateSize();
            for (int j = 0; j < c.schemaEncoderLayers(); j++) {
                String p = "model.schema_encoder.layers." + j + ".";
                String comp = "schema encoder";
                enc.add(new EncoderLayer(attention(c, p, "input_layernorm", "self_attn.", comp, comp),
                        new DenseFfn(vector(p + "post_attention_layernorm.weight", d, comp),
                                matrix(p + "mlp.gate_proj.weight", fs, d, comp),
                                matrix(p + "mlp.up_proj.weight", fs, d, comp),
                                matrix(p + "mlp.down_proj.weight", d, fs, comp))));
            }
        }
        encoder = List.copyOf(enc);
        encoderNorm = c.hasSchemaEncoder() ? vector("model.schema_encoder.norm.weight", d, "schema encoder") : null;
        List<DecoderLayer> dec = new ArrayList<>();
        long f = c.moeIntermediateSize();
        for (int l = 0; l < c.numHiddenLayers(); l++) {
            String p = "model.layers." + l + ".";
            Attention self = attention(c, p, "input_layernorm", "self_attn.", "norms", "self-attention");
            Attention cross = c.hasCrossAttention(l) ? attention(c, p, "cross_attn_layernorm", "cross_attn.", "norms", "cross-attention") : null;
            List<Expert> experts = new ArrayList<>();
            for (int e = 0; e < c.numLocalExperts(); e++) {
                String ep = p + "block_sparse_moe.experts." + e + ".";
                experts.add(new Expert(matrix(ep + "w1.weight", f, d, "experts"), matrix(ep + "w2.weight", d, f, "experts"),
                        matrix(ep + "w3.weight", f, d, "experts")));
            }
            Moe moe = new Moe(vector(p + "post_attention_layernorm.weight", d, "norms"),
                    matrix(p + "block_sparse_moe.gate.weight", c.numLocalExperts(), d, "routers"), List.copyOf(experts));
            dec.add(new DecoderLayer(self, cross, moe));
        }
        decoder = List.copyOf(dec);
        finalNorm = vector("model.norm.weight", d, "norms");
    }

    private static Attention attention(ModelConfig c, String p, String normName, String attn, String normComp, String comp) {
        long d = c.hiddenSize(), qd = (long) c.numAttentionHeads() * c.headDim(), kvd = c.kvDim();
        return new Attention(vector(p + normName + ".weight", d, normComp),
                matrix(p + attn + "q_proj.weight", qd, d, comp), matrix(p + attn + "k_proj.weight", kvd, d, comp),
                matrix(p + attn + "v_proj.weight", kvd, d, comp), matrix(p + attn + "o_proj.weight", d, qd, comp));
    }

    private static Tensor vector(String name, long n, String comp) { return new Tensor(name, new long[]{n}, comp); }

    private static Tensor matrix(String name, long rows, long cols, String comp) { return new Tensor(name, new long[]{rows, cols}, comp); }

    static ModelLayout of(ModelConfig c) { return new ModelLayout(c); }

    /** Every tensor in checkpoint order: embedding, encoder layers, encoder norm, decoder layers, final norm. */
    List<Tensor> tensors() {
        List<Tensor> out = new ArrayList<>();
        out.add(embedding);
        for (EncoderLayer e : encoder) {
            out.addAll(e.attention().tensors());
            out.addAll(e.ffn().tensors());
        }
        if (encoderNorm != null) out.add(encoderNorm);
        for (DecoderLayer l : decoder) {
            out.addAll(l.selfAttention().tensors());
            if (l.crossAttention() != null) out.addAll(l.crossAttention().tensors());
            out.addAll(l.moe().tensors());
        }
        out.add(finalNorm);
        return out;
    }

    public static List<Tensor> tensors(ModelConfig c) { return of(c).tensors(); }

    /** Parameter counts: total, per component, and active per token (top-k of the experts). */
    public record Counts(long total, long active, long expertTotal, long expertActive, Map<String, Long> byComponent) {}

    /** Fails with the reason when the count does not fit a long (about 9.2e18 parameters). */
    public static Counts count(ModelConfig c) {
        try {
            Map<String, Long> by = new LinkedHashMap<>();
            long total = 0, experts = 0;
            for (Tensor t : tensors(c)) {
                by.merge(t.component(), t.numel(), Math::addExact);
                total = Math.addExact(total, t.numel());
                if (t.component().equals("experts")) experts = Math.addExact(experts, t.numel());
            }
            long expertActive = Math.multiplyExact(experts / c.numLocalExperts(), (long) c.numExpertsPerTok());
            return new Counts(total, total - experts + expertActive, experts, expertActive, by);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("model config: more than " + Long.MAX_VALUE + " parameters, too many to count or build");
        }
    }
}
