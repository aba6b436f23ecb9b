package dev.vantage.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: one picocli subcommand per job. */
@Command(name = "vantage", mixinStandardHelpOptions = true, version = "vantage 0.1.0",
        description = "Text-to-SQL with a sparse Mixture-of-Experts transformer, on the JVM.",
        subcommands = {
                CommandLine.HelpCommand.class,
                ModelInfoCommand.class,
                InitCommand.class,
                DebugCommand.class,
                BenchCommand.class,
                CheckpointInfoCommand.class,
                CheckpointConvertCommand.class,
                CheckpointAverageCommand.class,
                SynthesizeCommand.class,
                SpiderCheckCommand.class,
                SchemaCommand.class,
                LinkingReportCommand.class,
                DownloadCommand.class,
                TokenizerCommand.class,
                PreprocessCommand.class,
                EvaluateCommand.class,
                TrainCommand.class,
                AskCommand.class,
                ShellCommand.class,
                BenchmarkCommand.class,
        })
public final class VantageCli implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command tree, with bad input reported as one line ("error: file: what is wrong") and exit code 2. */
    public static CommandLine commandLine() {
        return new CommandLine(new VantageCli()).setExecutionExceptionHandler(VantageCli::reportUserError)
                .setParameterExceptionHandler(VantageCli::reportBadOption);
    }

    /** Exit code of every command when its options or input files are wrong (picocli's usage code). */
    public static final int BAD_INPUT = 2;

    /** A bad option: one line naming it, and where the help is; no usage dump. */
    private static int reportBadOption(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println("error: " + e.getMessage() + " (see: vantage "
                + cmd.getCommandSpec().qualifiedName(" ").replaceFirst("^vantage ?", "") + " --help)");
        return BAD_INPUT;
    }

    private static int reportUserError(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof IllegalArgumentException || e instanceof java.io.IOException || e instanceof java.io.UncheckedIOException
                || e instanceof dev.vantage.data.schema.SchemaReadException || e instanceof dev.vantage.data.sql.SqlParseException
                || e instanceof dev.vantage.engine.io.SafeTensorsException) {
            cmd.getErr().println("error: " + e.getMessage());
            return BAD_INPUT;
        }
        throw e;   // a bug: keep the stack trace
    }
}
