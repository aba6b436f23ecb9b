package dev.vantage.inference;
/** Decides which continuations keep the output a valid prefix; one per question. */
public interface TokenConstraint { ConstraintState initial(); }
