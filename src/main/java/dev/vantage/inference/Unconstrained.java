package dev.vantage.inference;

/** The state of {@link TokenConstraint#NONE}: accepts everything, may always end. */
final class Unconstrained implements ConstraintState {
    static final Unconstrained STATE = new Unconstrained();

    private Unconstrained() {}

    @Override public ConstraintState advance(String text) { return this; }
    @Override public boolean canEnd() { return true; }
}
