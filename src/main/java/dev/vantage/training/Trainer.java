package dev.vantage.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vantage.data.preprocess.EncodedExample;
import dev.vantage.data.preprocess.ShardReader;
import dev.vantage.engine.Parallel;
import dev.vantage.model.Batch;
import dev.vantage.model.Checkpoint;
import dev.vantage.model.ModelConfig;
import dev.vantage.model.TrainingState;
import dev.vantage.model.VantageModel;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The training loop: micro-batches from the token shards, forward and backward, gradient
 * accumulation, clipping by global norm, AdamW on the schedule; metrics to {@code metrics.jsonl},
 * validation loss (and the optional {@link StepEvaluator}) every eval_every steps with the best
 * model kept in {@code best/}, checkpoints every checkpoint_every steps, an HTML report.
 * Deterministic for a given seed and thread count; a resumed run ends with the same weights as
 * one that never stopped.
 */
public final class Trainer {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Extra figures measured on the model every eval_every steps (e.g. dev execution accuracy). */
    public interface StepEvaluator {
        Map<String, Double> evaluate(VantageModel model, int step);

        /** The figure (higher is better) that picks best/ instead of the validation loss; null keeps the loss. */
        default String selects() { return null; }
    }

    /** configText: the YAML written beside every saved model as vantage.yaml (its data section built the inputs). */
    public record Run(ModelConfig model, TrainingConfig training, Path data, Path out, boolean resume, String configText) {}

    private final Run run;
    private final PrintStream log;
    private boolean progress = true;
    private StepEvaluator evaluator;
    private int stopAt = Integer.MAX_VALUE;
    private boolean profile;
    private Path initFrom;

    public Trainer(Run run, PrintStream log) {
        this.run = run;
        this.log = log;
    }

    public Trainer quiet() { progress = false; return this; }
    public Trainer evaluator(StepEvaluator e) { evaluator = e; return this; }

    /** Prints the time per part of forward and backward with each log line. */
    public Trainer profile(boolean on) { profile = on; return this; }

    /**
     * Starts a new run from the weights of a saved model instead of random ones (fine-tuning): the
     * optimizer's moments and the schedule start afresh. Once the run has checkpoints, --resume continues from them instead.
     */
    public Trainer initFrom(Path modelDir) { initFrom = modelDir; return this; }

    /** Ends this process's part of the run after this step, with a checkpoint; the schedule still spans max_steps. */
    public Trainer stopAt(int step) { stopAt = step; return this; }

    /** Trains to max_steps (or continues there with resume); returns the final model. */
    public VantageModel train() throws IOException {
        TrainingConfig tc = run.training();
        ModelConfig mc = run.model();
        for (var rate : java.util.Map.of("hidden_dropout", mc.hiddenDropout(), "attention_dropout", mc.attentionDropout(),
                "expert_dropout", mc.expertDropout()).entrySet())
            if (!(rate.getValue() >= 0 && rate.getValue() < 1))
                throw new IllegalArgumentException("model." + rate.getKey() + " must be in [0, 1), got " + rate.getValue());
        Path tokenizer = run.data().resolve("tokenizer.json");
        if (initFrom != null) checkInit(tokenizer);
        TrainingCheckpoints checkpoints = new TrainingCheckpoints(run.out(), Files.isRegularFile(tokenizer) ? tokenizer : null,
                run.configText(), tc.keepCheckpoints());
        try (ShardReader train = new ShardReader(run.data(), "train");
             ShardReader validation = hasSplit(run.data(), "validation") ? new ShardReader(run.data(), "validation") : null) {
            if (train.vocabSize() > mc.vocabSize())
                throw new IllegalArgumentException(run.data() + ": shards use " + train.vocabSize() + " token ids but the model's vocab_size is " + mc.vocabSize());
            checkSchemaLayout(train, mc);
            VantageModel model;
            AdamW opt;
            TrainerState state;
            var latest = checkpoints.latest();
            if (run.resume() && latest.isPresent()) {
                var r = TrainingCheckpoints.restore(latest.get(), tc);
                if (!r.model().cfg.equals(mc)) throw new IllegalArgumentException(latest.get() + ": its config.json differs from --config; resume with the config it was trained with");
                model = r.model();
                opt = r.optimizer();
                state = r.state();
                if (state.threads() != Parallel.THREADS)
                    log.printf("note: the run used %d threads, now %d: results will differ in the last bits from an uninterrupted run%n", state.threads(), Parallel.THREADS);
                log.printf("resuming from %s (step %d)%n", latest.get(), state.step());
            } else {
                if (latest.isPresent()) throw new IllegalArgumentException(run.out() + " already holds checkpoints: pass --resume to continue, or choose another --out");
                if (initFrom != null) {
                    model = Checkpoint.load(initFrom, mc);
                    log.printf("starting from the weights of %s%n", initFrom);
                } else {
                    model = new VantageModel(mc);
                    model.initRandom(tc.seed(), tc.initStd());
                }
                opt = new AdamW(model.params(), tc);
                state = new TrainerState(0, 0, 0, 0, Double.POSITIVE_INFINITY, -1, Parallel.THREADS, tc.seed());
            }
            List<EncodedExample> evalSet = validation == null ? List.of() : firstExamples(validation, tc.evalExamples());
            loop(model, opt, state, train, evalSet, checkpoints);
            return model;
        }
    }

    /** Refuses shards whose schema goes where the model does not read it (encoder input for c = 0, decoder prompt for c > 0). */
    private void checkSchemaLayout(ShardReader train, ModelConfig mc) {
        if (train.size() == 0) return;
        boolean encoderInput = train.get(0).schemaIds().length > 0;
        if (encoderInput && !mc.hasSchemaEncoder())
            throw new IllegalArgumentException(run.data() + ": the shards give the schema to an encoder, but the model has none (cross_attention_interval: 0); "
                    + "preprocess with data.schema_in_decoder: true, question_in_encoder: false");
        if (!encoderInput && mc.hasSchemaEncoder())
            throw new IllegalArgumentException(run.data() + ": the shards have no encoder input (data.schema_in_decoder), but the model has a schema encoder; "
                    + "train with cross_attention_interval: 0, or preprocess with schema_in_decoder: false");
    }

    /** Refuses --init before any work when its model is not one, or was tokenized other than the shards. */
    private void checkInit(Path shardsTokenizer) throws IOException {
        Checkpoint.readConfig(initFrom);
        Path own = initFrom.resolve("tokenizer.json");
        if (Files.isRegularFile(own) && Files.isRegularFile(shardsTokenizer) && Files.mismatch(own, shardsTokenizer) != -1)
            throw new IllegalArgumentException(initFrom + ": its tokenizer.json differs from " + shardsTokenizer
                    + "; preprocess with `--tokenizer " + own + "`");
    }

    private void loop(VantageModel model, AdamW opt, TrainerState start, ShardReader train, List<EncodedExample> evalSet,
                      TrainingCheckpoints checkpoints) throws IOException {
        TrainingConfig tc = run.training();
        LrSchedule schedule = LrSchedule.of(tc);
        BatchStream stream = new BatchStream(train, tc.seed(), new BatchStream.Position(start.epoch(), start.cursor()));
        Path metrics = run.out().resolve("metrics.jsonl");
        Files.createDirectories(run.out());
        keepLinesUpTo(metrics, start.step());
        double bestLoss = start.bestValidationLoss();
        int bestStep = start.bestStep();
        Window window = new Window(model.cfg);
        TrainingState trainingState = new TrainingState(model);   // activations and gradients, reused by every step
        trainingState.profile().enable(profile);
        try (var out = Files.newBufferedWriter(metrics, java.nio.charset.StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
             ProgressBar bar = progress ? new ProgressBarBuilder().setTaskName("train").setInitialMax(tc.maxSteps())
                     .startsFrom(start.step(), java.time.Duration.ZERO).setStyle(ProgressBarStyle.ASCII).continuousUpdate().build() : null) {
            int end = Math.min(tc.maxSteps(), stopAt);
            for (int step = start.step(); step < end; step++) {
                double lr = schedule.at(step);
                trainingState.zeroGrad();
                for (int a = 0; a < tc.gradientAccumulationSteps(); a++) {
                    Batch b = stream.next(tc.batchSize());
                    SplittableRandom rng = new SplittableRandom(tc.seed() * 0x9E3779B97F4A7C15L + (long) step * 64 + a);
                    TrainingState.Output o = trainingState.forward(b, rng);
                    if (!Double.isFinite(o.loss()))
                        throw new IllegalStateException(String.format(Locale.ROOT, "non-finite loss %s at step %d, micro-batch %d (examples %s of %s); "
                                + "the last checkpoint is intact: lower learning_rate and --resume", o.loss(), step, a, Arrays.toString(stream.lastIndices()), run.data()));
                    trainingState.backward();
                    window.add(o, b);
                }
                double scale = 1.0 / tc.gradientAccumulationSteps();
                double norm = trainingState.gradients().norm() * scale;
                if (!Double.isFinite(norm)) throw new IllegalStateException("non-finite gradient norm at step " + step + "; lower learning_rate and --resume");
                if (tc.gradClip() > 0 && norm > tc.gradClip()) scale *= tc.gradClip() / norm;
                opt.step(trainingState.gradients(), lr, scale);
                window.norm(norm);
                int done = step + 1;
                if (done % tc.logEvery() == 0 || done == tc.maxSteps()) {
                    ObjectNode line = window.flush(done, lr);
                    out.write(JSON.writeValueAsString(line));
                    out.newLine();
                    out.flush();
                    if (profile) {
                        log.printf("%nms per step: %s%n", trainingState.profile().millis(tc.logEvery()));
                        trainingState.profile().reset();
                    }
                    if (bar != null) bar.setExtraMessage(String.format(Locale.ROOT, " loss %.3f lr %.2e %.0f tok/s",
                            line.get("loss").asDouble(), lr, line.get("tokens_per_s").asDouble()));
                }
                if (bar != null) bar.stepTo(done);
                if (done % tc.evalEvery() == 0 || done == tc.maxSteps()) {
                    ObjectNode line = evaluate(trainingState, evalSet, done);
                    double vl = selectionFigure(line);
                    if (!Double.isNaN(vl) && vl < bestLoss) {
                        bestLoss = vl;
                        bestStep = done;
                        line.put("best", true);
                        checkpoints.saveBest(model, JSON.writeValueAsString(line));
                    }
                    out.write(JSON.writeValueAsString(line));
                    out.newLine();
                    out.flush();
                    log.printf("%nstep %d: %s%n", done, line);
                }
                if (done % tc.checkpointEvery() == 0 || done == end) {
                    BatchStream.Position p = stream.position();
                    checkpoints.save(model, opt, new TrainerState(done, p.epoch(), p.cursor(), opt.t, bestLoss, bestStep, Parallel.THREADS, tc.seed()));
                    TrainingReport.write(metrics, run.out().resolve("report.html"));
                }
            }
        }
        if (bestStep < 0) checkpoints.saveBest(model, "{\"note\":\"nothing measured to select by: the last step's model\"}");
    }

    /**
     * Lower is better: the validation loss, or minus the evaluator's selecting figure with ties broken
     * by the lower validation loss (its share, 1e-6 per unit of loss, is below any step of an accuracy
     * measured on fewer than 10,000 questions); NaN when nothing was measured.
     */
    private double selectionFigure(ObjectNode line) {
        String key = evaluator == null ? null : evaluator.selects();
        double loss = line.path("validation_loss").asDouble(Double.NaN);
        if (key == null) return loss;
        if (!line.has(key)) return Double.NaN;
        return -line.get(key).asDouble() + (Double.isNaN(loss) ? 0 : 1e-6 * loss);
    }

    /** Validation loss with the step's own state (its gradients are not touched), then the evaluator. */
    private ObjectNode evaluate(TrainingState trainingState, List<EncodedExample> evalSet, int step) {
        ObjectNode line = JSON.createObjectNode();
        line.put("step", step);
        if (!evalSet.isEmpty()) {
            double ce = 0;
            long tokens = 0;
            for (int i = 0; i < evalSet.size(); i += run.training().batchSize()) {
                Batch b = BatchStream.toBatch(evalSet.subList(i, Math.min(evalSet.size(), i + run.training().batchSize())));
                TrainingState.Output o = trainingState.forwardDropless(b);
                ce += o.ceLoss() * o.lossTokens();
                tokens += o.lossTokens();
            }
            line.put("validation_loss", ce / Math.max(1, tokens));
            line.put("validation_examples", evalSet.size());
        }
        if (evaluator != null) evaluator.evaluate(trainingState.model(), step).forEach(line::put);
        return line;
    }

    /** On resume, forgets the lines the interrupted run logged after its last checkpoint. */
    private static void keepLinesUpTo(Path metrics, int step) throws IOException {
        if (!Files.isRegularFile(metrics)) return;
        StringBuilder kept = new StringBuilder();
        for (String s : Files.readAllLines(metrics))
            if (!s.isBlank() && JSON.readTree(s).path("step").asInt() <= step) kept.append(s).append('\n');
        dev.vantage.engine.io.AtomicFiles.writeString(metrics, kept.toString());
    }

    private static boolean hasSplit(Path dir, String split) throws IOException {
        try (var s = Files.list(dir)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith(split + "-"));
        }
    }

    private static List<EncodedExample> firstExamples(ShardReader r, int n) {
        List<EncodedExample> out = new ArrayList<>();
        for (int i = 0; i < Math.min(n, r.size()); i++) out.add(r.get(i));
        return out;
    }

    /** Sums over the steps since the last log line. */
    private static final class Window {
        private final int layers, experts;
        private double loss, ce, aux, z, normSum;
        private long tokens, lossTokens;
        private int micro, steps;
        private long[][] assigned, kept;
        private long t0 = System.nanoTime();

        Window(ModelConfig cfg) {
            layers = cfg.numHiddenLayers();
            experts = cfg.numLocalExperts();
            reset();
        }

        void add(TrainingState.Output o, Batch b) {
            loss += o.loss();
            ce += o.ceLoss();
            aux += o.auxLoss();
            z += o.zLoss();
            micro++;
            tokens += b.inputTokens() + b.schemaTokens();
            lossTokens += o.lossTokens();
            for (int l = 0; l < layers; l++)
                for (int e = 0; e < experts; e++) {
                    assigned[l][e] += o.expertCounts()[l][e];
                    kept[l][e] += o.expertKept()[l][e];
                }
        }

        void norm(double n) { normSum += n; steps++; }

        ObjectNode flush(int step, double lr) {
            double secs = (System.nanoTime() - t0) / 1e9;
            ObjectNode line = JSON.createObjectNode();
            line.put("step", step);
            line.put("loss", loss / micro);
            line.put("ce_loss", ce / micro);
            line.put("aux_loss", aux / micro);
            line.put("z_loss", z / micro);
            line.put("lr", lr);
            line.put("grad_norm", normSum / steps);
            line.put("tokens_per_s", tokens / secs);
            line.put("loss_tokens", lossTokens);
            line.put("seconds", secs);
            ArrayNode usage = line.putArray("expert_share");
            long allAssigned = 0, allKept = 0;
            for (int l = 0; l < layers; l++) {
                long sum = Arrays.stream(assigned[l]).sum();
                ArrayNode row = usage.addArray();
                for (int e = 0; e < experts; e++) row.add(Math.round(1e4 * assigned[l][e] / (double) Math.max(1, sum)) / 1e4);
                allAssigned += sum;
                allKept += Arrays.stream(kept[l]).sum();
            }
            line.put("dropped_fraction", allAssigned == 0 ? 0 : 1 - allKept / (double) allAssigned);
            reset();
            return line;
        }

        private void reset() {
            loss = ce = aux = z = normSum = 0;
            tokens = lossTokens = 0;
            micro = steps = 0;
            assigned = new long[layers][experts];
            kept = new long[layers][experts];
            t0 = System.nanoTime();
        }
    }
}
