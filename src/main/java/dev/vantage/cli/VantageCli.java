package dev.vantage.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: one picocli subcommand per job. */
@Command(name = "vantage", mixinStandardHelpOptions = true, version = "vantage 0.1.0",
        description = "Text-to-SQL with a sparse Mixture-of-Experts transformer, on the JVM.",
        subcommands = {
                CommandLine.HelpCommand.class,
                EvaluateCommand.class,
        })
public final class VantageCli implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(System.out); }

    public static void main(String[] args) {
        System.exit(new CommandLine(new VantageCli()).execute(args));
    }
}
