package dev.vantage.data.preprocess;

/** Token budgets from a config's data section. Evidence gets the question's budget on its own. */
public record EncodingLimits(int maxQuestionTokens, int maxSqlTokens, int maxSchemaTokens) {
    public EncodingLimits {
        if (maxQuestionTokens < 1 || maxSqlTokens < 1 || maxSchemaTokens < 1) {
            throw new IllegalArgumentException("data.max_question_tokens, max_sql_tokens and max_schema_tokens must be >= 1");
        }
    }
}
