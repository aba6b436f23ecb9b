package dev.vantage.data.augment;

import dev.vantage.data.Example;
import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.sql.ValueSlot;
import dev.vantage.data.sql.ValueSlots;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Swaps one literal of the SQL for another value of the same column from the database, in both the
 * SQL and the question. Only literals that appear verbatim, once, as whole words in the question
 * qualify, so the question keeps saying what the SQL asks.
 */
public final class ValueSubstitution {
    static final int CANDIDATE_VALUES = 1000;

    private ValueSubstitution() {}

    /** The example with one value swapped (SQL in normalized form), or empty when no literal qualifies. */
    public static Optional<Example> apply(Example ex, DatabaseSchema schema, ValueSource values, Random rng) {
        ValueSlots vs = ValueSlots.of(ex.sql(), schema);
        List<ValueSlot> slots = vs.slots();
        Map<String, List<Integer>> byValue = new LinkedHashMap<>();
        for (int i = 0; i < slots.size(); i++) byValue.computeIfAbsent(slots.get(i).value(), k -> new ArrayList<>()).add(i);
        List<String> eligible = new ArrayList<>();
        for (var e : byValue.entrySet()) {
            ValueSlot first = slots.get(e.getValue().getFirst());
            boolean sameColumn = e.getValue().stream().map(slots::get)
                    .allMatch(s -> s.table().equalsIgnoreCase(first.table()) && s.column().equalsIgnoreCase(first.column()));
            if (sameColumn && occurrences(ex.question(), e.getKey()) == 1) eligible.add(e.getKey());
        }
        if (eligible.isEmpty()) return Optional.empty();
        String old = eligible.get(rng.nextInt(eligible.size()));
        ValueSlot slot = slots.get(byValue.get(old).getFirst());
        boolean integral = old.matches("-?\\d+");
        List<String> options = new ArrayList<>();
        for (String v : values.values(ex.dbId(), slot.table(), slot.column(), slot.numeric(), CANDIDATE_VALUES)) {
            if (v.equals(old) || v.isBlank() || (slot.numeric() && integral && !v.matches("-?\\d+"))) continue;
            if (occurrences(ex.question(), spoken(v)) > 0) continue; // would make the swapped word ambiguous
            options.add(v);
        }
        if (options.isEmpty()) return Optional.empty();
        String replacement = options.get(rng.nextInt(options.size()));
        Map<Integer, String> change = new HashMap<>();
        for (int i : byValue.get(old)) change.put(i, replacement);
        String sql = vs.with(change);
        String question = word(old).matcher(ex.question()).replaceFirst(Matcher.quoteReplacement(spoken(replacement)));
        return Optional.of(new Example(ex.id(), ex.dataset(), ex.dbId(), question, ex.evidence(), sql));
    }

    /** How a question would say a cell value: without the stray spaces some databases store around it. */
    static String spoken(String value) {
        return value.strip().replaceAll("\\s+", " ");
    }

    static int occurrences(String text, String value) {
        Matcher m = word(value).matcher(text);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    private static Pattern word(String value) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(value) + "(?![\\p{L}\\p{N}])");
    }
}
