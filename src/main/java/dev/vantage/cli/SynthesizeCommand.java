package dev.vantage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vantage.data.augment.PairSynthesizer;
import dev.vantage.data.augment.SynthesizedPair;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code vantage synthesize --db X.sqlite --n 1000 --out pairs.jsonl [--seed N]}, or over every
 * database of a folder ({@code --db-dir}), leaving out the databases a question file uses
 * ({@code --exclude-questions dev.json} keeps Spider's dev databases unseen).
 */
@Command(name = "synthesize", mixinStandardHelpOptions = true,
        description = "Generate question/SQL pairs from SQLite databases' schema and content; every pair's SQL is executed and kept only if it returns rows.")
public final class SynthesizeCommand implements Callable<Integer> {
    @Option(names = "--db", description = "SQLite database file (repeatable)")
    List<Path> dbs = new ArrayList<>();

    @Option(names = "--db-dir", description = "folder of <db>/<db>.sqlite databases (Spider's layout): synthesize on each")
    Path dbDir;

    @Option(names = "--exclude-questions", description = "Spider-format question file(s) whose db_id databases are left out, e.g. dev.json (repeatable)")
    List<Path> exclude = new ArrayList<>();

    @Option(names = "--n", defaultValue = "1000", description = "number of pairs wanted per database (default: ${DEFAULT-VALUE})")
    int n;

    @Option(names = "--out", required = true, description = "output JSON lines file (question, sql, db_id, template)")
    Path out;

    @Option(names = "--seed", defaultValue = "0", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--db-id", description = "db_id written with each pair of a single --db (default: the file name without extension)")
    String dbId;

    @Override
    public Integer call() throws Exception {
        if (n < 1) throw new IllegalArgumentException("--n " + n + ": must be at least 1");
        List<Path> files = new ArrayList<>(dbs);
        if (dbDir != null) files.addAll(folder(dbDir, excludedIds()));
        if (files.isEmpty()) throw new IllegalArgumentException("no database: give --db FILE.sqlite or --db-dir DIR");
        for (Path f : files) if (!Files.isRegularFile(f)) throw new IllegalArgumentException("--db " + f + ": no such file");
        if (dbId != null && files.size() > 1) throw new IllegalArgumentException("--db-id names one database, but " + files.size() + " are given");
        List<SynthesizedPair> all = new ArrayList<>();
        try (ProgressBar bar = files.size() > 1 ? new ProgressBar("synthesize", files.size()) : null) {
            for (Path db : files) {
                String id = dbId != null ? dbId : stem(db);
                PairSynthesizer.Result r = PairSynthesizer.synthesize(db, id, n, seed, files.size() == 1);
                all.addAll(r.pairs());
                if (files.size() == 1) {
                    System.out.println("synthesize " + id + ": " + r.stats());
                    if (r.tablesWithRows() == 0) System.out.println("note: every table of " + db + " is empty: there is nothing to ask about");
                    else if (r.pairs().size() < n) System.out.println("note: fewer pairs than asked; the database has no more distinct questions these templates can make");
                }
                if (bar != null) bar.step();
            }
        }
        PairSynthesizer.writeJsonl(all, out);
        System.out.println("wrote " + all.size() + " pairs from " + files.size() + " database(s) to " + out);
        return 0;
    }

    private Set<String> excludedIds() throws Exception {
        Set<String> ids = new HashSet<>();
        for (Path q : exclude) {
            if (!Files.isRegularFile(q)) throw new IllegalArgumentException("--exclude-questions " + q + ": no such file");
            JsonNode root = new ObjectMapper().readTree(q.toFile());
            if (!root.isArray()) throw new IllegalArgumentException("--exclude-questions " + q + ": expected a JSON array of {db_id, ...}");
            for (JsonNode x : root) ids.add(x.path("db_id").asText());
        }
        return ids;
    }

    private static List<Path> folder(Path dir, Set<String> excluded) throws Exception {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("--db-dir " + dir + ": no such folder");
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted()
                    .filter(d -> !excluded.contains(d.getFileName().toString()))
                    .map(d -> d.resolve(d.getFileName() + ".sqlite")).filter(Files::isRegularFile).toList();
        }
    }

    private static String stem(Path p) {
        String f = p.getFileName().toString();
        int dot = f.lastIndexOf('.');
        return dot > 0 ? f.substring(0, dot) : f;
    }
}
