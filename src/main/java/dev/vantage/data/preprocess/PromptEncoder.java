package dev.vantage.data.preprocess;

import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.PrunedSchema;
import dev.vantage.data.schema.SchemaLinks;
import dev.vantage.data.schema.SchemaPruner;
import dev.vantage.data.schema.SchemaSerializer;
import dev.vantage.data.schema.ValueIndex;
import dev.vantage.data.tokenizer.BpeTokenizer;
import dev.vantage.data.tokenizer.IntList;
import dev.vantage.data.tokenizer.SpecialTokens;

import java.util.Arrays;

/**
 * Builds the model input from a question and a database: the one code path of training
 * ({@link ExampleEncoder} appends the SQL), inference and the service. Links the question to the
 * schema, serializes it with match markers and linked values, prunes whole tables to fit
 * {@code max_schema_tokens} (question included when it goes to the encoder) and tokenizes.
 */
public final class PromptEncoder {
    private final BpeTokenizer tokenizer;
    private final PromptOptions options;

    public PromptEncoder(BpeTokenizer tokenizer, PromptOptions options) {
        for (int i = 0; i < SpecialTokens.ALL.size(); i++) {
            if (tokenizer.id(SpecialTokens.ALL.get(i)) != i) {
                throw new IllegalArgumentException("the tokenizer does not give " + SpecialTokens.ALL.get(i) + " the id " + i
                        + " (a tokenizer trained before this special token existed? train a new one)");
            }
        }
        this.tokenizer = tokenizer;
        this.options = options;
    }

    public PromptOptions options() { return options; }

    public BpeTokenizer tokenizer() { return tokenizer; }

    public Prompt encode(String question, DatabaseSchema schema, ValueIndex valuesOrNull) {
        return encode(question, "", schema, valuesOrNull);
    }

    /**
     * @param evidence     extra text given with the question (BIRD's evidence), or empty
     * @param valuesOrNull the database's values for value linking; null for none
     */
    public Prompt encode(String question, String evidence, DatabaseSchema schema, ValueIndex valuesOrNull) {
        if (question == null || question.isBlank()) throw new IllegalArgumentException("the question is empty");
        if (schema.tables().isEmpty()) throw new IllegalArgumentException("database '" + schema.dbId() + "' has no tables");
        EncodingLimits limits = options.limits();
        int[] q = tokenizer.encode(question);
        boolean qCut = q.length > limits.maxQuestionTokens();
        if (qCut) q = Arrays.copyOf(q, limits.maxQuestionTokens());
        int[] ev = evidence == null || evidence.isBlank() ? new int[0] : tokenizer.encode(evidence);
        boolean eCut = ev.length > limits.maxQuestionTokens();
        if (eCut) ev = Arrays.copyOf(ev, limits.maxQuestionTokens());

        IntList questionPart = new IntList(q.length + ev.length + 2);
        questionPart.addAll(q);
        if (ev.length > 0) {
            questionPart.add(SpecialTokens.SEP_ID);
            questionPart.addAll(ev);
        }
        questionPart.add(SpecialTokens.SEP_ID);
        int[] qs = questionPart.toArray();

        int budget = limits.maxSchemaTokens() - (options.questionInEncoder() ? qs.length : 0);
        SchemaLinks links = SchemaSerializer.links(schema, options.schema(), question, valuesOrNull);
        PrunedSchema pruned = SchemaPruner.prune(schema, options.schema(), links, Math.max(1, budget), this::schemaTokenCount);
        IntList schemaIds = new IntList(pruned.tokens() + qs.length);
        if (options.questionInEncoder()) schemaIds.addAll(qs);
        tokenizer.encode(pruned.text(), schemaIds, true);
        int[] encoderInput = schemaIds.toArray();
        // only when even the best table's name does not fit (a budget smaller than the question)
        boolean sCut = encoderInput.length > limits.maxSchemaTokens();
        if (sCut) encoderInput = Arrays.copyOf(encoderInput, limits.maxSchemaTokens());

        IntList prefix = new IntList(qs.length + 1 + (options.schemaInDecoder() ? encoderInput.length + 1 : 0));
        prefix.add(SpecialTokens.BOS_ID);
        if (options.questionInDecoder()) prefix.addAll(qs);
        else prefix.add(SpecialTokens.SEP_ID);
        if (options.schemaInDecoder()) {
            prefix.addAll(encoderInput);
            prefix.add(SpecialTokens.SEP_ID);
            encoderInput = new int[0];
        }
        return new Prompt(encoderInput, prefix.toArray(), pruned.text(), pruned, links, q.length, ev.length, qCut, eCut, sCut);
    }

    /** Token count of schema text as the encoder reads it (whitespace around markers dropped). */
    public int schemaTokenCount(String schemaText) {
        IntList ids = new IntList(64);
        tokenizer.encode(schemaText, ids, true);
        return ids.size();
    }
}
