package dev.vantage.data.preprocess;

import com.fasterxml.jackson.databind.JsonNode;

/** Token budgets from a config's data section. Evidence gets the question's budget on its own. */
public record EncodingLimits(int maxQuestionTokens, int maxSqlTokens, int maxSchemaTokens) {
    public EncodingLimits {
        if (maxQuestionTokens < 1 || maxSqlTokens < 1 || maxSchemaTokens < 1) {
            throw new IllegalArgumentException("data.max_question_tokens, max_sql_tokens and max_schema_tokens must be >= 1");
        }
    }

    public static EncodingLimits fromConfig(JsonNode data) {
        return new EncodingLimits(data.path("max_question_tokens").asInt(64), data.path("max_sql_tokens").asInt(192),
                data.path("max_schema_tokens").asInt(512));
    }
}
