package dev.vantage.data.preprocess;

import dev.vantage.data.schema.SerializationOptions;

/**
 * How a question and its database become model input (part of a config's {@code data} section: {@link DataConfig}).
 *
 * @param questionInEncoder {@code question_in_encoder}: schema_ids = {@code question [<sep> evidence] <sep> schema}
 * @param questionInDecoder {@code question_in_decoder}: the decoder reads {@code <bos> question [<sep> evidence] <sep>}
 *                          before the SQL; without, {@code <bos> <sep>}
 * @param normalizeSql      {@code normalize_sql}: training targets go through SqlNormalizer (raw SQL when it does not parse)
 */
public record PromptOptions(SerializationOptions schema, EncodingLimits limits, boolean questionInEncoder,
                            boolean questionInDecoder, boolean normalizeSql) {
    public PromptOptions {
        if (!questionInEncoder && !questionInDecoder) {
            throw new IllegalArgumentException("data.question_in_encoder and data.question_in_decoder are both false: the model would never see the question");
        }
    }

    public static PromptOptions defaults(EncodingLimits limits) {
        return new PromptOptions(SerializationOptions.defaults(), limits, true, true, true);
    }
}
