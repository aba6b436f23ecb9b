package dev.vantage.inference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.Set;

/**
 * The {@code inference} section of a config, typed: how a trained model decodes by default. A model
 * directory carries it in its {@code vantage.yaml}; the Java API's {@code Vantage.defaults()} comes from it.
 * Keys are checked against {@link #KEYS} by the config loader.
 *
 * @param generation  {@code decoding} (greedy or beam), {@code beam_size}, {@code length_penalty}, {@code max_new_tokens}
 * @param constrained {@code constrained}: schema-constrained decoding; {@code link_weight} goes into the
 *                    generation config ({@link GenerationConfig#linkWeight})
 */
public record InferenceConfig(GenerationConfig generation, boolean constrained) {
    public static final Set<String> KEYS = Set.of("decoding", "beam_size", "length_penalty", "max_new_tokens", "constrained", "link_weight");

    /** What an absent section means: beam 4, length penalty 1, 192 new tokens, constrained. */
    public static InferenceConfig defaults() { return from(MissingNode.getInstance()); }

    public static InferenceConfig from(JsonNode s) {
        int beam = s.path("beam_size").asInt(4), maxNew = s.path("max_new_tokens").asInt(192);
        double lengthPenalty = s.path("length_penalty").asDouble(1.0);
        if (beam < 1) throw new IllegalArgumentException("inference.beam_size = " + beam + ": must be at least 1");
        if (maxNew < 1) throw new IllegalArgumentException("inference.max_new_tokens = " + maxNew + ": must be at least 1");
        if (!(lengthPenalty >= 0)) throw new IllegalArgumentException("inference.length_penalty = " + lengthPenalty + ": must be 0 or more");
        String decoding = s.path("decoding").asText("beam");
        GenerationConfig g = switch (decoding) {
            case "greedy" -> GenerationConfig.greedy(maxNew);
            case "beam" -> GenerationConfig.beam(beam, lengthPenalty, beam, maxNew);
            default -> throw new IllegalArgumentException("inference.decoding = " + decoding + ": must be greedy or beam");
        };
        double linkWeight = s.path("link_weight").asDouble(GenerationConfig.DEFAULT_LINK_WEIGHT);
        if (!(linkWeight >= 0)) throw new IllegalArgumentException("inference.link_weight = " + linkWeight + ": must be 0 or more");
        return new InferenceConfig(g.withLinkWeight(linkWeight), s.path("constrained").asBoolean(true));
    }
}
