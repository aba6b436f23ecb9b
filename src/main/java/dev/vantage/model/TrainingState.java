package dev.vantage.model;

import java.util.SplittableRandom;

/**
 * Everything one training step owns, beside the model's shared weights: the activations a forward
 * keeps for backward (per block, mirroring the layers), the dropout masks, the buffers of backward
 * and the {@link Gradients}. The trainer keeps one state for the whole run, so the buffers grow to
 * the largest batch once and a step allocates nothing afterwards; its AdamW moments sit beside the
 * gradients. A state serves one thread; the weights may be read by any number of states and
 * decoders at once, and change only when the optimizer steps.
 *
 * <pre>{@code
 * TrainingState s = new TrainingState(model);
 * s.zeroGrad();
 * TrainingState.Output o = s.forward(batch, rng);   // or forwardDropless(batch): measuring, as inference runs
 * s.backward();                                      // accumulates into s.gradients()
 * }</pre>
 */
public final class TrainingState {
    /** What a forward reports. */
    public record Output(double loss, double ceLoss, double auxLoss, double zLoss, int lossTokens,
                         float[] lastLogits, long[][] expertCounts, long[][] expertKept) {}

    /** One schema-encoder layer: its blocks' activations and the dropout masks of their residual branches. */
    record EncoderLayer(AttentionActivations attention, DenseFfnActivations ffn, ResidualDropout attentionDropout, ResidualDropout ffnDropout) {
        EncoderLayer() { this(new AttentionActivations(), new DenseFfnActivations(), new ResidualDropout(), new ResidualDropout()); }
    }

    /** One decoder layer; cross is unused in layers without cross-attention. */
    record DecoderLayer(AttentionActivations self, AttentionActivations cross, MoeActivations moe,
                        ResidualDropout selfDropout, ResidualDropout crossDropout, ResidualDropout moeDropout) {
        DecoderLayer() {
            this(new AttentionActivations(), new AttentionActivations(), new MoeActivations(),
                    new ResidualDropout(), new ResidualDropout(), new ResidualDropout());
        }
    }

    final VantageModel model;
    final StepProfile profile = new StepProfile();
    private Gradients gradients;      // allocated by the first zeroGrad or backward: a forward-only state needs none
    final EncoderLayer[] encoder;
    final DecoderLayer[] decoder;
    final ResidualDropout embeddingDropout = new ResidualDropout(), schemaEmbeddingDropout = new ResidualDropout();
    final BackwardScratch scratch = new BackwardScratch();

    // The last forward: ns schema tokens, ni decoder tokens, nl loss positions.
    Batch batch;
    float[] hEnc;               // [ns, d] encoder residual stream, the encoder norm's input
    float[] memory, rstdEnc;    // [ns, d] the encoded schema M = RMSNorm(hEnc); [ns]
    float[] h;                  // [ni, d] decoder residual stream, the final norm's input
    float[] hn, rstdFinal;      // [ni, d] final-normed states; [ni]
    int[] logitRows;            // [nl + 1] packed positions given logits: the loss positions, then row 0's last
    float[] headIn;             // [nl + 1, d] those positions' rows of hn
    float[] logits;             // [nl + 1, V]; after the forward rows 0..nl-1 hold d(loss)/d(logits)
    double auxScale, zScale;    // d(loss)/d(aux of one layer), d(loss)/d(z of one layer)
    // Backward's model-level buffers.
    float[] dHeadIn;            // [nl, d]
    float[] dhn, dh;            // [ni, d]
    float[] dMemory, dhEnc;     // [ns, d]

    public TrainingState(VantageModel model) {
        this.model = model;
        encoder = new EncoderLayer[model.encAttn.length];
        for (int j = 0; j < encoder.length; j++) encoder[j] = new EncoderLayer();
        decoder = new DecoderLayer[model.decAttn.length];
        for (int l = 0; l < decoder.length; l++) decoder[l] = new DecoderLayer();
    }

    public VantageModel model() { return model; }

    /**
     * A training forward: expert capacity from the config's capacity_factor, dropout drawn from rng
     * (null: no dropout). Backward may follow.
     */
    public Output forward(Batch b, SplittableRandom rng) { return TrainingPass.forward(this, b, model.cfg.capacityFactor(), rng); }

    /** A measuring forward (validation loss, checks, debug forward): dropless, no dropout, as inference runs. Backward may follow. */
    public Output forwardDropless(Batch b) { return TrainingPass.forward(this, b, 0, null); }

    /** Accumulates d(loss)/d(weights) of the last forward into {@link #gradients()}. */
    public void backward() {
        if (batch == null) throw new IllegalStateException("backward needs a forward first");
        TrainingPass.backward(this, gradients());
    }

    /** Clears every gradient. */
    public void zeroGrad() {
        if (gradients == null) gradients = new Gradients(model.params());
        else gradients.zero();
    }

    /** The gradients, mirroring {@link VantageModel#params()}; zeros until a backward runs. */
    public Gradients gradients() {
        if (gradients == null) gradients = new Gradients(model.params());
        return gradients;
    }

    /** Wall time per part of forward and backward, when enabled. */
    public StepProfile profile() { return profile; }

    /**
     * The logits [V] of the last forward at a packed decoder position (see {@link Batch}), from its
     * final normalized hidden state: any position of any row, whether or not it was a loss position.
     */
    public float[] logitsAt(int packedPos) {
        int d = model.cfg.hiddenSize(), V = model.cfg.vocabSize();
        if (batch == null || packedPos < 0 || packedPos >= batch.inputTokens()) throw new IllegalArgumentException("no position " + packedPos + " in the last forward");
        float[] row = java.util.Arrays.copyOfRange(hn, packedPos * d, (packedPos + 1) * d), out = new float[V];
        model.embed.linear(row, 0, out, 0, 1, V, d, false);
        return out;
    }

    /** Identifies the last forward's routing decisions (top-k and capacity drops), for gradient checks. */
    public long routingSignature() {
        long sig = 17;
        for (DecoderLayer l : decoder) sig = sig * 31 + l.moe().routingHash(model.cfg.numExpertsPerTok());
        return sig;
    }
}
