package dev.vantage.data.augment;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One synthetic question/SQL pair, as written to JSON lines. */
public record SynthesizedPair(String question, String sql, @JsonProperty("db_id") String dbId, String template) {}
