package dev.vantage.data.preprocess;

import dev.vantage.data.Example;
import dev.vantage.data.tokenizer.BpeTokenizer;
import dev.vantage.data.tokenizer.IntList;
import dev.vantage.data.tokenizer.SpecialTokens;

import java.util.Arrays;
import java.util.Optional;

/**
 * Encodes one example: schema_ids from the serialized schema (whitespace around markers dropped,
 * cut to max_schema_tokens), input_ids = {@code <bos> question [<sep> evidence] <sep> sql <eos>}
 * with question and evidence each cut to max_question_tokens. An example whose SQL does not fit
 * max_sql_tokens is dropped rather than cut: a truncated query is a wrong target.
 */
public final class ExampleEncoder {
    private final BpeTokenizer tokenizer;
    private final EncodingLimits limits;

    public ExampleEncoder(BpeTokenizer tokenizer, EncodingLimits limits) {
        this.tokenizer = tokenizer;
        this.limits = limits;
        for (int i = 0; i < SpecialTokens.ALL.size(); i++) {
            if (tokenizer.id(SpecialTokens.ALL.get(i)) != i) {
                throw new IllegalArgumentException("the tokenizer does not give " + SpecialTokens.ALL.get(i) + " the id " + i);
            }
        }
    }

    /**
     * The outcome for one example: the encoded example (empty when its SQL is too long), and what
     * was cut, so repeats of an oversampled example count the same as the first.
     */
    public record Result(String dataset, Optional<EncodedExample> example, int questionTokens, int evidenceTokens, int sqlTokens,
                         boolean questionTruncated, boolean evidenceTruncated, boolean schemaTruncated) {}

    public Result encode(Example x, String schemaText) {
        int[] sql = tokenizer.encode(x.sql());
        if (sql.length > limits.maxSqlTokens()) {
            return new Result(x.dataset(), Optional.empty(), 0, 0, sql.length, false, false, false);
        }
        boolean qCut = false, eCut = false, sCut = false;
        IntList schemaIds = new IntList(256);
        tokenizer.encode(schemaText, schemaIds, true);
        int[] schema = schemaIds.toArray();
        if (schema.length > limits.maxSchemaTokens()) {
            schema = Arrays.copyOf(schema, limits.maxSchemaTokens());
            sCut = true;
        }
        int[] question = tokenizer.encode(x.question());
        if (question.length > limits.maxQuestionTokens()) {
            question = Arrays.copyOf(question, limits.maxQuestionTokens());
            qCut = true;
        }
        int[] evidence = x.evidence().isBlank() ? new int[0] : tokenizer.encode(x.evidence());
        if (evidence.length > limits.maxQuestionTokens()) {
            evidence = Arrays.copyOf(evidence, limits.maxQuestionTokens());
            eCut = true;
        }
        IntList input = new IntList(question.length + evidence.length + sql.length + 4);
        input.add(SpecialTokens.BOS_ID);
        input.addAll(question);
        if (evidence.length > 0) {
            input.add(SpecialTokens.SEP_ID);
            input.addAll(evidence);
        }
        input.add(SpecialTokens.SEP_ID);
        int sqlStart = input.size();
        input.addAll(sql);
        input.add(SpecialTokens.EOS_ID);
        EncodedExample e = new EncodedExample(schema, input.toArray(), sqlStart);
        return new Result(x.dataset(), Optional.of(e), question.length, evidence.length, sql.length, qCut, eCut, sCut);
    }
}
