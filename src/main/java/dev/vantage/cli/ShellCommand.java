package dev.vantage.cli;

import dev.vantage.api.Vantage;
import dev.vantage.data.schema.Column;
import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.ForeignKey;
import dev.vantage.data.schema.Table;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.Console;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code vantage shell --db F.sqlite}: questions one after another against one loaded model and one
 * database, each answered as {@code ask} answers it. On a terminal it has line editing and a history
 * kept across sessions (JLine); otherwise it reads one question per line from stdin, without prompts,
 * so that it can be scripted and tested.
 */
@Command(name = "shell", mixinStandardHelpOptions = true,
        description = "Interactive questions about one database: the model is loaded once; each answer is printed as `ask` prints it. "
                + "Commands: .schema, .sql SQL, .help, .quit. Reads one question per line when stdin is not a terminal.")
public final class ShellCommand implements Callable<Integer> {
    static final String HELP = """
            a question in English   the SQL the model writes, then the first rows of its result
            .sql SQL                run your own SQL through the same read-only, bounded executor
            .schema                 the tables, columns and foreign keys the model sees
            .help                   this list
            .quit, .exit, Ctrl-D    leave""";

    @ArgGroup(exclusive = true, multiplicity = "1") DatabaseSource source;

    @Option(names = "--history", description = "history file (default: ~/.vantage_history)") Path history;

    @Mixin AnswerPrinter printer;

    @Mixin GenerationOptions generation;

    private Vantage vantage;
    private Vantage.Database db;
    private Vantage.Options options;

    @Override public Integer call() throws Exception {
        printer.check();
        options = generation.options();
        db = source.open();
        vantage = generation.loadModel();
        PrintStream out = System.out;
        Console console = System.console();
        if (console == null || !console.isTerminal()) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) if (!handle(line, out)) break;
            return 0;
        }
        Path file = history != null ? history : Path.of(System.getProperty("user.home"), ".vantage_history");
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("vantage")
                    .variable(LineReader.HISTORY_FILE, file).build();
            out.println("vantage shell on " + db.schema().dbId() + " (" + db.schema().tables().size() + " tables); .help lists the commands");
            while (true) {
                String line;
                try {
                    line = reader.readLine("vantage> ");
                } catch (UserInterruptException e) {
                    continue;                              // Ctrl-C drops the line being typed, as in a Unix shell
                } catch (EndOfFileException e) {
                    break;
                }
                if (!handle(line, out)) break;
            }
            reader.getHistory().save();
        }
        return 0;
    }

    /** One line: a question or a dot command; false to leave. Errors are printed, never end the session. */
    boolean handle(String line, PrintStream out) {
        String s = line.strip();
        if (s.isEmpty()) return true;
        try {
            String command = s.startsWith(".") ? s.split("\\s+", 2)[0] : "", rest = s.substring(command.length()).strip();
            switch (command) {
                case "" -> printer.print(vantage.generate(s, db, options), db, options.limits(), out);
                case ".quit", ".exit" -> { return false; }
                case ".help" -> out.println(HELP);
                case ".schema" -> out.println(describe(db.schema()));
                case ".sql" -> {
                    if (rest.isEmpty()) out.println("-- .sql needs a query, e.g. .sql SELECT count(*) FROM " + db.schema().tables().getFirst().name());
                    else if (db.connector() == null) out.println("-- no database to run on (--ddl gives a schema only)");
                    else printer.run(rest, db, options.limits(), out);
                }
                default -> out.println("-- unknown command " + command + " (.help lists the commands)");
            }
        } catch (Exception e) {
            out.println("-- error: " + e.getMessage());
        }
        out.flush();
        return true;
    }

    /** One line per table, {@code name(column type pk, ...)}, then the foreign keys. */
    static String describe(DatabaseSchema schema) {
        StringBuilder sb = new StringBuilder();
        for (Table t : schema.tables())
            sb.append(t.name()).append('(').append(t.columns().stream().map(ShellCommand::column).collect(Collectors.joining(", "))).append(")\n");
        for (ForeignKey fk : schema.foreignKeys())
            sb.append(fk.fromTable()).append('.').append(fk.fromColumn()).append(" -> ").append(fk.toTable()).append('.').append(fk.toColumn()).append('\n');
        return sb.toString().stripTrailing();
    }

    private static String column(Column c) {
        return c.name() + (c.type().isEmpty() ? "" : " " + c.type()) + (c.primaryKey() ? " pk" : "");
    }
}
