package dev.vantage.data.preprocess;

import dev.vantage.data.schema.PrunedSchema;
import dev.vantage.data.schema.SchemaLinks;

/**
 * The model input for one question about one database, before any SQL: what training extends with
 * {@code sql <eos>} and inference decodes from.
 *
 * @param schemaIds     the encoder's input: {@code question [<sep> evidence] <sep> schema}, or the schema alone; empty
 *                      when the schema is in the decoder ({@link PromptOptions#schemaInDecoder()})
 * @param decoderPrefix {@code <bos> question [<sep> evidence] <sep>}, or {@code <bos> <sep>}; with the schema in the
 *                      decoder, {@code <bos> question [<sep> evidence] <sep> schema <sep>}
 * @param schemaText    the serialized schema the ids were made from (markers and linked values included)
 * @param schema        the schema as kept within the budget, and what was pruned and why
 * @param links         what the question mentions of the whole schema (the markers' source)
 */
public record Prompt(int[] schemaIds, int[] decoderPrefix, String schemaText, PrunedSchema schema, SchemaLinks links,
                     int questionTokens, int evidenceTokens, boolean questionTruncated, boolean evidenceTruncated,
                     boolean schemaTruncated) {
    /** Whether whole tables or columns were left out to fit the budget. */
    public boolean pruned() {
        return schema.pruned();
    }

    @Override public String toString() {
        return "Prompt[schema=" + schemaIds.length + " ids, prefix=" + decoderPrefix.length + " ids, pruned=" + pruned() + "]";
    }
}
