package dev.vantage.cli;

import dev.vantage.api.Vantage;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code vantage ask --db F.sqlite "question"}: the SQL, then the first rows of its result through the safe executor. */
@Command(name = "ask", mixinStandardHelpOptions = true,
        description = "Answers a question about a database: prints the generated SQL and the first rows of its result (run read-only, bounded).")
public final class AskCommand implements Callable<Integer> {
    @ArgGroup(exclusive = true, multiplicity = "1") DatabaseSource source;

    @Parameters(index = "0", paramLabel = "QUESTION", description = "the question, in English") String question;

    @Mixin AnswerPrinter printer;

    @Mixin GenerationOptions generation;

    @Override public Integer call() throws Exception {
        if (question.isBlank()) throw new IllegalArgumentException("the question is empty");
        printer.check();
        Vantage.Options options = generation.options();
        Vantage.Database db = source.open();
        Vantage vantage = generation.loadModel();
        Vantage.Result r = vantage.generate(question, db, options);
        return printer.print(r, db, options.limits(), System.out) ? 0 : 1;
    }
}
