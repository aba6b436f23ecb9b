package dev.vantage.evaluation.spider;

/**
 * A deadline for parsing one query on the current thread, checked between the tokenizer's passes and
 * as the grammar reads tokens, so that the text stages of a question stay inside its time budget
 * however long the line is.
 */
final class ParseBudget {
    private static final ThreadLocal<long[]> DEADLINE = ThreadLocal.withInitial(() -> new long[]{Long.MAX_VALUE, 0});

    /** Thrown (unchecked, without a stack trace) when the deadline has passed. */
    static final class Exceeded extends RuntimeException {
        Exceeded() {
            super("parse time budget exceeded", null, false, false);
        }
    }

    private ParseBudget() {
    }

    static void start(long deadlineNanos) {
        long[] state = DEADLINE.get();
        state[0] = deadlineNanos;
        state[1] = 0;
    }

    static void end() {
        DEADLINE.get()[0] = Long.MAX_VALUE;
    }

    /** Checks the clock now. */
    static void check() {
        long deadline = DEADLINE.get()[0];
        if (deadline != Long.MAX_VALUE && System.nanoTime() - deadline > 0) {
            throw new Exceeded();
        }
    }

    /** Checks the clock every 1,024 calls: for tight loops. */
    static void tick() {
        long[] state = DEADLINE.get();
        if (state[0] != Long.MAX_VALUE && (++state[1] & 1023) == 0 && System.nanoTime() - state[0] > 0) {
            throw new Exceeded();
        }
    }
}
