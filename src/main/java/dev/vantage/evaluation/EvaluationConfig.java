package dev.vantage.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.vantage.evaluation.spider.EvalType;

import java.util.Set;

/**
 * The {@code evaluation} section of a config, typed: the defaults of {@code vantage evaluate --config}
 * (its flags win). Keys are checked against {@link #KEYS} by the config loader.
 *
 * @param etype          {@code etype}: all, match or exec
 * @param timeoutSeconds {@code timeout_seconds}: per query
 * @param maxRows        {@code max_rows}: rows read back per query
 * @param parallelism    {@code parallelism}: questions scored side by side (absent: the number of cores)
 */
public record EvaluationConfig(EvalType etype, double timeoutSeconds, int maxRows, int parallelism) {
    public static final Set<String> KEYS = Set.of("etype", "timeout_seconds", "max_rows", "parallelism");

    public EvaluationConfig {
        if (!(timeoutSeconds > 0 && timeoutSeconds <= 86_400)) throw bad("timeout_seconds", timeoutSeconds, "in (0, 86400]");
        if (maxRows < 1) throw bad("max_rows", maxRows, "at least 1");
        if (parallelism < 1 || parallelism > 1024) throw bad("parallelism", parallelism, "between 1 and 1024");
    }

    public static EvaluationConfig defaults() { return from(MissingNode.getInstance()); }

    public static EvaluationConfig from(JsonNode s) {
        EvalType etype;
        try {
            etype = EvalType.parse(s.path("etype").asText("all"));
        } catch (IllegalArgumentException e) {
            throw bad("etype", s.path("etype").asText(), "all, match or exec");
        }
        return new EvaluationConfig(etype, s.path("timeout_seconds").asDouble(30), s.path("max_rows").asInt(200_000),
                s.path("parallelism").asInt(Runtime.getRuntime().availableProcessors()));
    }

    private static IllegalArgumentException bad(String key, Object v, String expected) {
        return new IllegalArgumentException("evaluation." + key + " = " + v + ": must be " + expected);
    }
}
