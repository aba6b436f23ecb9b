package dev.vantage.cli;

import dev.vantage.config.VantageConfig;
import dev.vantage.model.ModelConfig;
import dev.vantage.model.ModelLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Map;

/** {@code vantage model-info}: parameter counts and memory needs, computed from the config. */
@Command(name = "model-info", mixinStandardHelpOptions = true,
        description = "Total and active parameters, per-component counts and memory for inference and training.")
public final class ModelInfoCommand implements Runnable {
    @Option(names = "--config", required = true, description = "tiny, small, medium, large, bench-tiny, or a YAML path")
    String config;

    @Override public void run() {
        VantageConfig vc = VantageConfig.load(config);
        System.out.print(report(vc.model(), vc.source()));
    }

    static String report(ModelConfig c, String source) {
        ModelLayout.Counts n = ModelLayout.count(c);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("config: %s%n", source));
        sb.append(String.format("shape: d=%d, %d layers, %d heads (%d KV, head_dim %d), %d experts top-%d of width %d, vocab %d%n",
                c.hiddenSize(), c.numHiddenLayers(), c.numAttentionHeads(), c.numKeyValueHeads(), c.headDim(),
                c.numLocalExperts(), c.numExpertsPerTok(), c.moeIntermediateSize(), c.vocabSize()));
        sb.append(c.hasSchemaEncoder()
                ? String.format("schema encoder: %d layers of width %d; cross-attention every %d layers%n",
                        c.schemaEncoderLayers(), c.schemaIntermediateSize(), c.crossAttentionInterval())
                : String.format("no schema encoder: schema in the prompt (Mixtral-compatible layout)%n"));
        sb.append(String.format("total parameters:            %,17d  (%s)%n", n.total(), human(n.total())));
        sb.append(String.format("active parameters per token: %,17d  (%s, %.1f%% of total)%n", n.active(), human(n.active()), 100.0 * n.active() / n.total()));
        sb.append(String.format("expert weights active:       %,17d of %,d  (%.1f%%)%n", n.expertActive(), n.expertTotal(), 100.0 * n.expertActive() / n.expertTotal()));
        sb.append("per component:\n");
        for (Map.Entry<String, Long> e : n.byComponent().entrySet())
            sb.append(String.format("  %-16s %,17d  (%5.1f%%)%n", e.getKey(), e.getValue(), 100.0 * e.getValue() / n.total()));
        double bf16 = 2.0 * n.total(), train = 16.0 * n.total();   // bytes; as doubles, past 2^63 too
        sb.append(String.format("memory, inference (bf16 weights):      %s%n", bytes(bf16)));
        sb.append(String.format("memory, training (fp32 weights + grads + AdamW m, v; activations extra): %s%n", bytes(train)));
        return sb.toString();
    }

    static String human(long n) {
        if (n >= 1_000_000_000_000L) return String.format("%.2fT", n / 1e12);
        if (n >= 1_000_000_000L) return String.format("%.2fB", n / 1e9);
        if (n >= 1_000_000L) return String.format("%.1fM", n / 1e6);
        return String.format("%.1fK", n / 1e3);
    }

    static String bytes(double b) {
        if (b >= 0x1p50) return String.format("%.1f PiB", b / 0x1p50);
        return b >= 0x1p30 ? String.format("%.1f GiB", b / 0x1p30) : String.format("%.1f MiB", b / 0x1p20);
    }
}
