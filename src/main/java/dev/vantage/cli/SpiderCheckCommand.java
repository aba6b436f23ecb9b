package dev.vantage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.SchemaComparison;
import dev.vantage.data.schema.SchemaReaders;
import dev.vantage.data.schema.SchemaStatistics;
import dev.vantage.data.schema.SerializationOptions;
import dev.vantage.data.schema.SqliteDatabases;
import dev.vantage.data.sql.GoldSql;
import dev.vantage.data.sql.NormalizationAudit;
import dev.vantage.data.sql.ValueLinkingAudit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code vantage spider-check --spider DIR}: schema, value-linking and normalization statistics on a Spider-layout folder. */
@Command(name = "spider-check", mixinStandardHelpOptions = true,
        description = "Read a Spider-style folder (tables.json, database/<db>/<db>.sqlite, gold SQL files) and report: schema counts, "
                + "tables.json vs SQLite differences, value-linking recall on a questions file, and whether normalized gold SQL "
                + "executes to the same result.")
public final class SpiderCheckCommand implements Callable<Integer> {
    @Option(names = "--spider", required = true, description = "folder with tables.json and database/")
    Path spider;

    @Option(names = "--gold", split = ",", defaultValue = "dev_gold.sql",
            description = "gold files (SQL<TAB>db_id) inside the folder, comma-separated (default: ${DEFAULT-VALUE})")
    List<String> gold;

    @Option(names = "--questions", defaultValue = "dev.json",
            description = "questions file (Spider format) for the value-linking check; '-' to skip (default: ${DEFAULT-VALUE})")
    String questions;

    @Override
    public Integer call() throws Exception {
        Map<String, DatabaseSchema> declared = SchemaReaders.fromTablesJson(spider.resolve("tables.json"));
        System.out.println("tables.json: " + SchemaStatistics.of(declared.values()));
        List<DatabaseSchema> introspected = new ArrayList<>();
        List<SchemaComparison.Difference> diffs = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (DatabaseSchema s : declared.values()) {
            Path db = SqliteDatabases.inDatabaseDir(spider.resolve("database"), s.dbId());
            if (!Files.isRegularFile(db)) { missing.add(s.dbId()); continue; }
            DatabaseSchema live = SchemaReaders.fromSqlite(db);
            introspected.add(live);
            diffs.addAll(SchemaComparison.compare(s, live));
        }
        System.out.println("SQLite files: " + SchemaStatistics.of(introspected) + "; missing " + missing.size() + " " + missing);
        System.out.println("tables.json vs SQLite differences: " + SchemaComparison.countByKind(diffs));
        for (SchemaComparison.Difference d : diffs) {
            if (d.kind() != SchemaComparison.Kind.PRIMARY_KEY) System.out.println("  " + d);
        }

        if (!questions.equals("-")) {
            List<ValueLinkingAudit.Question> qs = new ArrayList<>();
            JsonNode root = new ObjectMapper().readTree(spider.resolve(questions).toFile());
            for (JsonNode e : root) qs.add(new ValueLinkingAudit.Question(e.path("question").asText(), e.path("query").asText(), e.path("db_id").asText()));
            int k = SerializationOptions.defaults().maxValuesPerColumn();
            System.out.println("value linking on " + questions + " (max " + k + " per column): "
                    + ValueLinkingAudit.run(qs, declared, spider.resolve("database"), k));
        }

        boolean ok = true;
        for (String g : gold) {
            NormalizationAudit.Report r = NormalizationAudit.run(GoldSql.read(spider.resolve(g)), declared, spider.resolve("database"), true);
            System.out.println("normalization of " + g + ": " + r);
            r.problems().forEach(p -> System.out.println("  " + p));
            ok &= r.problems().isEmpty();
        }
        return ok ? 0 : 1;
    }
}
