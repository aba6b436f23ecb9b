package dev.vantage.data.preprocess;

import dev.vantage.data.Example;
import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.ValueIndex;
import dev.vantage.data.sql.SqlNormalizer;
import dev.vantage.data.tokenizer.BpeTokenizer;
import dev.vantage.data.tokenizer.IntList;
import dev.vantage.data.tokenizer.SpecialTokens;

import java.util.Optional;

/**
 * Encodes one training example: the {@link PromptEncoder}'s prompt (the same as at inference) followed
 * by {@code sql <eos>}, the SQL normalized when {@code normalize_sql} is on and it parses. An example
 * whose SQL does not fit max_sql_tokens is dropped rather than cut: a truncated query is a wrong target.
 */
public final class ExampleEncoder {
    private final PromptEncoder prompts;

    public ExampleEncoder(BpeTokenizer tokenizer, PromptOptions options) {
        this.prompts = new PromptEncoder(tokenizer, options);
    }

    /**
     * The outcome for one example: the encoded example (empty when its SQL is too long), and what
     * was cut, pruned or normalized, so repeats of an oversampled example count the same as the first.
     *
     * @param sqlNormalized false when normalization was on and the SQL did not parse (the raw SQL is the target)
     */
    public record Result(String dataset, Optional<EncodedExample> example, int questionTokens, int evidenceTokens, int sqlTokens,
                         boolean questionTruncated, boolean evidenceTruncated, boolean schemaTruncated,
                         int tablesPruned, boolean sqlNormalized) {}

    public PromptEncoder prompts() { return prompts; }

    public Result encode(Example x, DatabaseSchema schema, ValueIndex valuesOrNull) {
        String target = x.sql();
        boolean normalized = true;
        if (prompts.options().normalizeSql()) {
            try {
                target = SqlNormalizer.normalize(x.sql(), schema);
            } catch (RuntimeException e) { // not a SELECT the parser knows: train on the SQL as given
                normalized = false;
            }
        }
        int[] sql = prompts.tokenizer().encode(target);
        if (sql.length > prompts.options().limits().maxSqlTokens()) {
            return new Result(x.dataset(), Optional.empty(), 0, 0, sql.length, false, false, false, 0, normalized);
        }
        Prompt p = prompts.encode(x.question(), x.evidence(), schema, valuesOrNull);
        IntList input = new IntList(p.decoderPrefix().length + sql.length + 1);
        input.addAll(p.decoderPrefix());
        int sqlStart = input.size();
        input.addAll(sql);
        input.add(SpecialTokens.EOS_ID);
        EncodedExample e = new EncodedExample(p.schemaIds(), input.toArray(), sqlStart);
        return new Result(x.dataset(), Optional.of(e), p.questionTokens(), p.evidenceTokens(), sql.length,
                p.questionTruncated(), p.evidenceTruncated(), p.schemaTruncated(), p.schema().droppedTables().size(), normalized);
    }
}
