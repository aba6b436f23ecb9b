package dev.vantage.model;

import dev.vantage.engine.CrossEntropy;
import dev.vantage.engine.Embedding;
import dev.vantage.engine.MatMul;
import dev.vantage.engine.RmsNorm;

import java.util.SplittableRandom;

/**
 * The training forward and backward of spec/MODEL.md over a packed {@link Batch}: the model's weights
 * are only read, everything the pass produces goes into the caller's {@link TrainingState}. The
 * forward computes the loss (cross-entropy on the loss positions, balance and z losses) and keeps
 * what backward needs; backward adds d(loss)/d(weights) to the gradients.
 */
final class TrainingPass {
    private TrainingPass() {}

    static TrainingState.Output forward(TrainingState s, Batch b, double capacityFactor, SplittableRandom rng) {
        VantageModel m = s.model;
        ModelConfig cfg = m.cfg;
        StepProfile profile = s.profile;
        s.batch = b;
        int d = cfg.hiddenSize(), V = cfg.vocabSize(), L = cfg.numHiddenLayers();
        int ns = b.schemaTokens(), ni = b.inputTokens();
        float eps = (float) cfg.rmsNormEps();
        double pd = rng == null ? 0 : cfg.hiddenDropout();
        AttentionBlock.Dropout attnDropout = rng == null ? AttentionBlock.Dropout.NONE : new AttentionBlock.Dropout(cfg.attentionDropout(), rng);
        Rows schemaRows = b.schemaRows(), inputRows = b.inputRows();
        if (cfg.hasSchemaEncoder()) {
            if (ns == 0) throw new IllegalArgumentException("this model has a schema encoder: schema_ids must not be empty");
            float[] he = s.hEnc = Buffers.grow(s.hEnc, ns * d);
            m.embed.gatherRows(b.schemaIds, he, ns, d);
            s.schemaEmbeddingDropout.applyInPlace(he, ns, d, pd, rng);
            for (int j = 0; j < m.encAttn.length; j++) {
                TrainingState.EncoderLayer a = s.encoder[j];
                long t0 = profile.start();
                a.attentionDropout().begin(he, ns, d, pd, rng);
                m.encAttn[j].forwardSelf(he, schemaRows, a.attention(), attnDropout);
                a.attentionDropout().end(he, ns, d, pd, rng);
                profile.stop("encoder attention fwd", t0);
                t0 = profile.start();
                a.ffnDropout().begin(he, ns, d, pd, rng);
                m.encFfn[j].forward(he, ns, a.ffn());
                a.ffnDropout().end(he, ns, d, pd, rng);
                profile.stop("encoder ffn fwd", t0);
            }
            s.memory = Buffers.grow(s.memory, ns * d);
            s.rstdEnc = Buffers.grow(s.rstdEnc, ns);
            RmsNorm.forward(he, m.encNorm.w, s.memory, s.rstdEnc, ns, d, eps);
        }
        float[] h = s.h = Buffers.grow(s.h, ni * d);
        m.embed.gatherRows(b.inputIds, h, ni, d);
        s.embeddingDropout.applyInPlace(h, ni, d, pd, rng);
        double aux = 0, z = 0;
        long[][] counts = new long[L][], kept = new long[L][];
        double expertDropout = rng == null ? 0 : cfg.expertDropout();
        for (int l = 0; l < L; l++) {
            TrainingState.DecoderLayer a = s.decoder[l];
            long t0 = profile.start();
            a.selfDropout().begin(h, ni, d, pd, rng);
            m.decAttn[l].forwardSelf(h, inputRows, a.self(), attnDropout);
            a.selfDropout().end(h, ni, d, pd, rng);
            profile.stop("self-attention fwd", t0);
            if (m.crossAttn[l] != null) {
                t0 = profile.start();
                a.crossDropout().begin(h, ni, d, pd, rng);
                m.crossAttn[l].forwardCross(h, inputRows, s.memory, schemaRows, a.cross(), attnDropout);
                a.crossDropout().end(h, ni, d, pd, rng);
                profile.stop("cross-attention fwd", t0);
            }
            t0 = profile.start();
            a.moeDropout().begin(h, ni, d, pd, rng);
            m.moe[l].forward(h, ni, capacityFactor, expertDropout, rng, a.moe());
            a.moeDropout().end(h, ni, d, pd, rng);
            profile.stop("moe fwd", t0);
            aux += a.moe().auxLoss;
            z += a.moe().zLoss;
            counts[l] = a.moe().assigned;
            kept[l] = a.moe().keptCounts;
        }
        aux /= L;
        z /= L;
        s.hn = Buffers.grow(s.hn, ni * d);
        s.rstdFinal = Buffers.grow(s.rstdFinal, ni);
        RmsNorm.forward(h, m.norm.w, s.hn, s.rstdFinal, ni, d, eps);

        // Logits only where needed: the loss positions, then row 0's last position.
        long tHead = profile.start();
        int nl = b.lossPos.length;
        int[] rows = s.logitRows = Buffers.grow(s.logitRows, nl + 1);
        System.arraycopy(b.lossPos, 0, rows, 0, nl);
        rows[nl] = b.lastPos[0];
        s.headIn = Buffers.grow(s.headIn, (nl + 1) * d);
        for (int i = 0; i <= nl; i++) System.arraycopy(s.hn, rows[i] * d, s.headIn, i * d, d);
        float[] logits = s.logits = Buffers.grow(s.logits, (nl + 1) * V);
        m.embed.linear(s.headIn, 0, logits, 0, nl + 1, V, d, false);
        float[] last = java.util.Arrays.copyOfRange(logits, nl * V, (nl + 1) * V);
        double ce = nl == 0 ? 0 : CrossEntropy.forwardBackward(logits, b.lossTarget, nl, V, true, 1f / nl) / nl;
        profile.stop("lm head + loss fwd", tHead);
        s.auxScale = cfg.routerAuxLossCoef() / L;
        s.zScale = cfg.routerZLossCoef() / L;
        double loss = ce + cfg.routerAuxLossCoef() * aux + cfg.routerZLossCoef() * z;
        return new TrainingState.Output(loss, ce, aux, z, nl, last, counts, kept);
    }

    /** Adds d(loss)/d(weights) of the state's last forward to g. */
    static void backward(TrainingState s, Gradients g) {
        VantageModel m = s.model;
        ModelConfig cfg = m.cfg;
        StepProfile profile = s.profile;
        BackwardScratch scratch = s.scratch;
        Batch b = s.batch;
        int d = cfg.hiddenSize(), V = cfg.vocabSize(), L = cfg.numHiddenLayers();
        int ns = b.schemaTokens(), ni = b.inputTokens(), nl = b.lossPos.length;
        long tHead = profile.start();
        // LM head (tied): logits rows 0..nl hold dlogits after CrossEntropy; the debug row is excluded.
        float[] dHeadIn = s.dHeadIn = Buffers.grow(s.dHeadIn, nl * d);
        MatMul.xW(s.logits, 0, m.embed.w, 0, dHeadIn, 0, nl, V, d, false);
        MatMul.xtY(s.logits, 0, s.headIn, 0, g.of(m.embed), 0, nl, V, d, true);
        float[] dhn = s.dhn = Buffers.zeroed(s.dhn, ni * d);
        for (int i = 0; i < nl; i++) MatMul.axpy(1f, dHeadIn, i * d, dhn, s.logitRows[i] * d, d);
        float[] dh = s.dh = Buffers.zeroed(s.dh, ni * d);
        RmsNorm.backward(dhn, s.h, m.norm.w, s.rstdFinal, dh, g.of(m.norm), ni, d);
        profile.stop("lm head bwd", tHead);
        if (cfg.hasSchemaEncoder()) s.dMemory = Buffers.zeroed(s.dMemory, ns * d);
        for (int l = L - 1; l >= 0; l--) {
            TrainingState.DecoderLayer a = s.decoder[l];
            long t0 = profile.start();
            m.moe[l].backward(a.moeDropout().branchGradient(dh, ni, d), s.auxScale, s.zScale, a.moe(), g, scratch);
            a.moeDropout().finishBackward(dh, ni, d);
            profile.stop("moe bwd", t0);
            if (m.crossAttn[l] != null) {
                t0 = profile.start();
                m.crossAttn[l].backwardCross(a.crossDropout().branchGradient(dh, ni, d), s.dMemory, a.cross(), g, scratch);
                a.crossDropout().finishBackward(dh, ni, d);
                profile.stop("cross-attention bwd", t0);
            }
            t0 = profile.start();
            m.decAttn[l].backwardSelf(a.selfDropout().branchGradient(dh, ni, d), a.self(), g, scratch);
            a.selfDropout().finishBackward(dh, ni, d);
            profile.stop("self-attention bwd", t0);
        }
        s.embeddingDropout.backwardInPlace(dh, ni, d);
        Embedding.scatterAdd(g.of(m.embed), b.inputIds, dh, ni, d);
        if (cfg.hasSchemaEncoder()) {
            float[] dhe = s.dhEnc = Buffers.zeroed(s.dhEnc, ns * d);
            RmsNorm.backward(s.dMemory, s.hEnc, m.encNorm.w, s.rstdEnc, dhe, g.of(m.encNorm), ns, d);
            for (int j = m.encAttn.length - 1; j >= 0; j--) {
                TrainingState.EncoderLayer a = s.encoder[j];
                long t0 = profile.start();
                m.encFfn[j].backward(a.ffnDropout().branchGradient(dhe, ns, d), a.ffn(), g, scratch);
                a.ffnDropout().finishBackward(dhe, ns, d);
                profile.stop("encoder ffn bwd", t0);
                t0 = profile.start();
                m.encAttn[j].backwardSelf(a.attentionDropout().branchGradient(dhe, ns, d), a.attention(), g, scratch);
                a.attentionDropout().finishBackward(dhe, ns, d);
                profile.stop("encoder attention bwd", t0);
            }
            s.schemaEmbeddingDropout.backwardInPlace(dhe, ns, d);
            Embedding.scatterAdd(g.of(m.embed), b.schemaIds, dhe, ns, d);
        }
    }
}
