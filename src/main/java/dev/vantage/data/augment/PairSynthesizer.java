package dev.vantage.data.augment;

import dev.vantage.engine.io.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.SchemaReadException;
import dev.vantage.data.schema.SchemaReaders;
import dev.vantage.data.schema.SqliteDatabases;
import dev.vantage.data.sql.TrustedSql;
import dev.vantage.data.sql.SqlNormalizer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Generates question/SQL pairs for a SQLite database from {@link SynthesisTemplates}. Every pair
 * is checked by running its SQL: pairs whose SQL fails or returns no row are dropped, as are
 * repeats, and the counts say how many of each.
 */
public final class PairSynthesizer {
    /** Give up after this many tries per wanted pair: small databases run out of distinct questions. */
    static final int ATTEMPTS_PER_PAIR = 30;
    static final int TIMEOUT_SECONDS = 10;

    public record Stats(int attempts, int declined, int duplicates, int failed, int empty, int emitted, Map<String, Integer> perTemplate) {
        @Override public String toString() {
            return String.format("attempts %d, no fitting columns %d, duplicates %d, failed to execute %d, empty result %d, emitted %d; per template %s",
                    attempts, declined, duplicates, failed, empty, emitted, perTemplate);
        }
    }

    /** @param tablesWithRows how many tables hold at least one row (none: nothing to ask about) */
    public record Result(List<SynthesizedPair> pairs, Stats stats, int tablesWithRows) {}

    private PairSynthesizer() {}

    /** @param dbId the db id written with each pair (e.g. the file name without extension) */
    public static Result synthesize(Path dbFile, String dbId, int n, long seed, boolean progress) {
        if (n < 0) throw new IllegalArgumentException("--n must be >= 0, got " + n);
        DatabaseSchema schema = SchemaReaders.fromSqlite(dbFile);
        try (Connection c = SqliteDatabases.openReadOnly(dbFile)) {
            DatabaseProfile profile = DatabaseProfile.read(c, schema);
            return generate(c, profile, dbId, n, seed, progress);
        } catch (SQLException e) {
            throw new SchemaReadException(dbFile + ": " + e.getMessage(), e);
        }
    }

    private static Result generate(Connection c, DatabaseProfile profile, String dbId, int n, long seed, boolean progress) {
        Random rng = new Random(seed);
        List<SynthesisTemplates.Template> templates = SynthesisTemplates.all();
        List<SynthesizedPair> out = new ArrayList<>();
        Set<String> seenSql = new HashSet<>(), seenQuestions = new HashSet<>();
        Map<String, Integer> perTemplate = new TreeMap<>();
        int attempts = 0, declined = 0, duplicates = 0, failed = 0, empty = 0;
        ProgressBar bar = progress ? new ProgressBarBuilder().setTaskName("synthesize " + dbId).setInitialMax(n)
                .setStyle(ProgressBarStyle.ASCII).continuousUpdate().build() : null;
        try {
            while (out.size() < n && attempts < (long) n * ATTEMPTS_PER_PAIR) {
                attempts++;
                SynthesisTemplates.Template t = templates.get(rng.nextInt(templates.size()));
                var cand = t.make(profile, rng);
                if (cand.isEmpty()) { declined++; continue; }
                String sql;
                try {
                    sql = SqlNormalizer.normalize(cand.get().sql(), profile.schema);
                } catch (RuntimeException e) {
                    failed++;
                    continue;
                }
                if (seenSql.contains(sql) || seenQuestions.contains(cand.get().question())) { duplicates++; continue; }
                try {
                    if (TrustedSql.run(c, sql, TIMEOUT_SECONDS, 1).rows().isEmpty()) { empty++; continue; }
                } catch (SQLException e) {
                    failed++;
                    continue;
                }
                seenSql.add(sql);
                seenQuestions.add(cand.get().question());
                out.add(new SynthesizedPair(cand.get().question(), sql, dbId, t.name()));
                perTemplate.merge(t.name(), 1, Integer::sum);
                if (bar != null) bar.step();
            }
        } finally {
            if (bar != null) bar.close();
        }
        int tablesWithRows = (int) profile.tables.stream().filter(t -> t.rows() > 0).count();
        return new Result(out, new Stats(attempts, declined, duplicates, failed, empty, out.size(), perTemplate), tablesWithRows);
    }

    /** Writes one JSON object per line, through a temporary file moved into place. */
    public static void writeJsonl(List<SynthesizedPair> pairs, Path out) throws IOException {
        ObjectMapper json = new ObjectMapper();
        AtomicFiles.write(out, stream -> {
            for (SynthesizedPair p : pairs) {
                stream.write(json.writeValueAsBytes(p));
                stream.write('\n');
            }
        });
    }
}
