package dev.vantage.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checkpoint's tensors (names and shapes of spec/MODEL.md) computed from a config, without
 * allocating them: model-info counts from it and init streams large models from it.
 */
public final class ModelLayout {
    public record Tensor(String name, long[] shape, String component) {
        /** Elements; a config too large for a long fails here rather than counting negative. */
        public long numel() {
            long n = 1;
            for (long s : shape) n = Math.multiplyExact(n, s);
            return n;
        }
    }

    private ModelLayout() {}

    public static List<Tensor> tensors(ModelConfig c) {
        List<Tensor> out = new ArrayList<>();
        long d = c.hiddenSize(), qd = (long) c.numAttentionHeads() * c.headDim(), kvd = c.kvDim();
        out.add(new Tensor("model.embed_tokens.weight", new long[]{c.vocabSize(), d}, "embeddings"));
        if (c.hasSchemaEncoder()) {
            for (int j = 0; j < c.schemaEncoderLayers(); j++) {
                String p = "model.schema_encoder.layers." + j + ".";
                out.add(new Tensor(p + "input_layernorm.weight", new long[]{d}, "schema encoder"));
                attention(out, p + "self_attn.", d, qd, kvd, "schema encoder");
                out.add(new Tensor(p + "post_attention_layernorm.weight", new long[]{d}, "schema encoder"));
                long fs = c.schemaIntermediateSize();
                out.add(new Tensor(p + "mlp.gate_proj.weight", new long[]{fs, d}, "schema encoder"));
                out.add(new Tensor(p + "mlp.up_proj.weight", new long[]{fs, d}, "schema encoder"));
                out.add(new Tensor(p + "mlp.down_proj.weight", new long[]{d, fs}, "schema encoder"));
            }
            out.add(new Tensor("model.schema_encoder.norm.weight", new long[]{d}, "schema encoder"));
        }
        long f = c.moeIntermediateSize();
        for (int l = 0; l < c.numHiddenLayers(); l++) {
            String p = "model.layers." + l + ".";
            out.add(new Tensor(p + "input_layernorm.weight", new long[]{d}, "norms"));
            attention(out, p + "self_attn.", d, qd, kvd, "self-attention");
            if (c.hasCrossAttention(l)) {
                out.add(new Tensor(p + "cross_attn_layernorm.weight", new long[]{d}, "norms"));
                attention(out, p + "cross_attn.", d, qd, kvd, "cross-attention");
            }
            out.add(new Tensor(p + "post_attention_layernorm.weight", new long[]{d}, "norms"));
            out.add(new Tensor(p + "block_sparse_moe.gate.weight", new long[]{c.numLocalExperts(), d}, "routers"));
            for (int e = 0; e < c.numLocalExperts(); e++) {
                String ep = p + "block_sparse_moe.experts." + e + ".";
                out.add(new Tensor(ep + "w1.weight", new long[]{f, d}, "experts"));
                out.add(new Tensor(ep + "w2.weight", new long[]{d, f}, "experts"));
                out.add(new Tensor(ep + "w3.weight", new long[]{f, d}, "experts"));
            }
        }
        out.add(new Tensor("model.norm.weight", new long[]{d}, "norms"));
        return out;
    }

    private static void attention(List<Tensor> out, String p, long d, long qd, long kvd, String comp) {
        out.add(new Tensor(p + "q_proj.weight", new long[]{qd, d}, comp));
        out.add(new Tensor(p + "k_proj.weight", new long[]{kvd, d}, comp));
        out.add(new Tensor(p + "v_proj.weight", new long[]{kvd, d}, comp));
        out.add(new Tensor(p + "o_proj.weight", new long[]{d, qd}, comp));
    }

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
