package dev.vantage.data.preprocess;

import dev.vantage.data.schema.SerializationOptions;

/**
 * How a question and its database become model input (part of a config's {@code data} section: {@link DataConfig}).
 *
 * @param questionInEncoder {@code question_in_encoder}: schema_ids = {@code question [<sep> evidence] <sep> schema}
 * @param questionInDecoder {@code question_in_decoder}: the decoder reads {@code <bos> question [<sep> evidence] <sep>}
 *                          before the SQL; without, {@code <bos> <sep>}
 * @param normalizeSql      {@code normalize_sql}: training targets go through SqlNormalizer (raw SQL when it does not parse)
 * @param schemaInDecoder   {@code schema_in_decoder}: no encoder input; the decoder reads
 *                          {@code <bos> question [<sep> evidence] <sep> schema <sep>} before the SQL, for a model
 *                          without a schema encoder ({@code cross_attention_interval: 0}), so that self-attention
 *                          reads the schema and each schema token sees the question before it
 */
public record PromptOptions(SerializationOptions schema, EncodingLimits limits, boolean questionInEncoder,
                            boolean questionInDecoder, boolean normalizeSql, boolean schemaInDecoder) {
    public PromptOptions {
        if (!questionInEncoder && !questionInDecoder) {
            throw new IllegalArgumentException("data.question_in_encoder and data.question_in_decoder are both false: the model would never see the question");
        }
        if (schemaInDecoder && (questionInEncoder || !questionInDecoder)) {
            throw new IllegalArgumentException("data.schema_in_decoder is true: there is no encoder input, so set question_in_encoder: false and question_in_decoder: true");
        }
    }

    /** The schema in the encoder (the default layout). */
    public PromptOptions(SerializationOptions schema, EncodingLimits limits, boolean questionInEncoder,
                         boolean questionInDecoder, boolean normalizeSql) {
        this(schema, limits, questionInEncoder, questionInDecoder, normalizeSql, false);
    }

    public static PromptOptions defaults(EncodingLimits limits) {
        return new PromptOptions(SerializationOptions.defaults(), limits, true, true, true);
    }
}
