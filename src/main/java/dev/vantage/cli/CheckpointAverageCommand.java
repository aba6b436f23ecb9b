package dev.vantage.cli;

import dev.vantage.engine.io.DType;
import dev.vantage.model.CheckpointAverage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Averages the weights of several checkpoints of one run into a model directory. */
@Command(name = "checkpoint-average", mixinStandardHelpOptions = true,
        description = "Write the element-wise mean of the weights of several checkpoints of one run (same config.json) "
                + "into a new model directory, atomically, with the first one's config, tokenizer and vantage.yaml.")
public final class CheckpointAverageCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "2..*", paramLabel = "CHECKPOINT", description = "model directories, e.g. RUN/checkpoints/step-00006000")
    List<Path> inputs;

    @Option(names = "--out", required = true, description = "model directory to write")
    Path out;

    @Option(names = "--dtype", defaultValue = "F32", description = "F32 (default), BF16 or F16")
    DType dtype;

    @Override public Integer call() {
        CheckpointAverage.write(inputs, out, dtype);
        spec.commandLine().getOut().printf("wrote the mean of %d checkpoints to %s%n", inputs.size(), out);
        return 0;
    }
}
