package dev.vantage.cli;

import dev.vantage.api.Vantage;
import dev.vantage.inference.GenerationConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The decoding flags shared by {@code ask}, {@code shell} and {@code benchmark} (a picocli mixin). */
final class GenerationOptions {
    @Option(names = "--model", description = "model directory (default: the bundled model, or $VANTAGE_MODEL)")
    Path model;

    @Option(names = "--ensemble", paramLabel = "DIR", description = "another model directory to decode with, in an ensemble with --model (repeatable; same tokenizer and prompts)")
    List<Path> ensemble = new ArrayList<>();

    @Option(names = "--beam", defaultValue = "1", description = "beam width; 1 = greedy (default: ${DEFAULT-VALUE}: measured more accurate than beam 4 for the bundled model, docs/TRAINING.md)")
    int beam;

    @Option(names = "--length-penalty", defaultValue = "1.0", description = "beam score = log-prob / length^p (default: ${DEFAULT-VALUE})")
    double lengthPenalty;

    @Option(names = "--max-new-tokens", defaultValue = "192", description = "(default: ${DEFAULT-VALUE})")
    int maxNewTokens;

    @Option(names = "--no-constraints", description = "decode without the schema-aware SQL constraint")
    boolean noConstraints;

    @Option(names = "--no-value-constraint", description = "allow any string and number literal (by default they come from the question or the database's linked values)")
    boolean noValueConstraint;

    @Option(names = "--no-structure-limits", description = "allow any table repeats, nesting depth and repeated conditions (by default bounded)")
    boolean noStructureLimits;

    @Option(names = "--link-weight", description = "with constraints, weight of the question's table links when a table is bound in FROM "
            + "(0 = off; default: " + GenerationConfig.DEFAULT_LINK_WEIGHT + "; see docs/CONSTRAINED-DECODING.md)")
    Double linkWeight;

    @Option(names = "--no-execution-guidance", description = "keep the best-ranked candidate even when it fails to execute")
    boolean noGuidance;

    @Option(names = "--reject-empty", description = "execution guidance also passes over candidates with an empty result")
    boolean rejectEmpty;

    Vantage loadModel() {
        return Vantage.load(model == null ? Vantage.bundledModel() : model, ensemble);
    }

    Vantage.Options options() {
        if (beam < 1) throw new IllegalArgumentException("--beam " + beam + ": must be at least 1");
        if (maxNewTokens < 1) throw new IllegalArgumentException("--max-new-tokens " + maxNewTokens + ": must be at least 1");
        if (!(lengthPenalty >= 0)) throw new IllegalArgumentException("--length-penalty " + lengthPenalty + ": must be 0 or more");
        GenerationConfig g = (beam == 1 ? GenerationConfig.greedy(maxNewTokens) : GenerationConfig.beam(beam, lengthPenalty, beam, maxNewTokens))
                .withValueConstraint(!noValueConstraint).withStructureLimits(!noStructureLimits);
        if (linkWeight != null) {
            if (!(linkWeight >= 0)) throw new IllegalArgumentException("--link-weight " + linkWeight + ": must be 0 or more");
            g = g.withLinkWeight(linkWeight);
        }
        return Vantage.Options.DEFAULT.withGeneration(g).withConstrained(!noConstraints)
                .withExecutionGuided(!noGuidance).withRejectEmpty(rejectEmpty);
    }
}
