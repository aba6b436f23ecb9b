package dev.vantage.inference;

/** Decides which continuations keep the output a valid prefix; one per question. */
public interface TokenConstraint {
    ConstraintState initial();

    /** Unconstrained decoding: every token allowed, {@code <eos>} always. */
    TokenConstraint NONE = () -> Unconstrained.STATE;
}
