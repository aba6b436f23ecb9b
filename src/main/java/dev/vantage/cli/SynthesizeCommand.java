package dev.vantage.cli;

import dev.vantage.data.augment.PairSynthesizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code vantage synthesize --db X.sqlite --n 1000 --out pairs.jsonl [--seed N]}. */
@Command(name = "synthesize", mixinStandardHelpOptions = true,
        description = "Generate question/SQL pairs from a SQLite database's schema and content; every pair's SQL is executed and kept only if it returns rows.")
public final class SynthesizeCommand implements Callable<Integer> {
    @Option(names = "--db", required = true, description = "SQLite database file")
    Path db;

    @Option(names = "--n", defaultValue = "1000", description = "number of pairs wanted (default: ${DEFAULT-VALUE})")
    int n;

    @Option(names = "--out", required = true, description = "output JSON lines file (question, sql, db_id, template)")
    Path out;

    @Option(names = "--seed", defaultValue = "0", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--db-id", description = "db_id written with each pair (default: the file name without extension)")
    String dbId;

    @Override
    public Integer call() throws Exception {
        String id = dbId != null ? dbId : stem(db);
        PairSynthesizer.Result r = PairSynthesizer.synthesize(db, id, n, seed, true);
        PairSynthesizer.writeJsonl(r.pairs(), out);
        System.out.println("synthesize " + id + ": " + r.stats());
        System.out.println("wrote " + r.pairs().size() + " pairs to " + out);
        if (r.tablesWithRows() == 0) System.out.println("note: every table of " + db + " is empty: there is nothing to ask about");
        else if (r.pairs().size() < n) System.out.println("note: fewer pairs than asked; the database has no more distinct questions these templates can make");
        return 0;
    }

    private static String stem(Path p) {
        String f = p.getFileName().toString();
        int dot = f.lastIndexOf('.');
        return dot > 0 ? f.substring(0, dot) : f;
    }
}
