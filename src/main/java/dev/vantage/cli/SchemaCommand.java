package dev.vantage.cli;

import dev.vantage.config.VantageConfig;
import dev.vantage.data.preprocess.EncodingLimits;
import dev.vantage.data.preprocess.Prompt;
import dev.vantage.data.preprocess.PromptEncoder;
import dev.vantage.data.preprocess.PromptOptions;
import dev.vantage.data.schema.DatabaseSchema;
import dev.vantage.data.schema.PrunedSchema;
import dev.vantage.data.schema.ForeignKey;
import dev.vantage.data.schema.JoinGraph;
import dev.vantage.data.schema.SchemaReaders;
import dev.vantage.data.schema.SchemaSerializer;
import dev.vantage.data.schema.SerializationOptions;
import dev.vantage.data.schema.ValueIndex;
import dev.vantage.data.tokenizer.TokenizerJson;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code vantage schema --db X.sqlite [--question "..."]}: the schema text the model reads. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Print a database schema serialized as the model sees it (optionally linked to a question: name match markers "
                + "and values; with --tokenizer pruned to the token budget, with the reasons), or a join path.")
public final class SchemaCommand implements Callable<Integer> {
    static final class Source {
        @Option(names = "--db", description = "SQLite database file") Path db;
        @Option(names = "--tables", description = "Spider/BIRD tables.json (with --db-id)") Path tables;
        @Option(names = "--ddl", description = "file of CREATE TABLE statements (with --db-id)") Path ddl;
    }

    @ArgGroup(exclusive = true, multiplicity = "1") Source source;

    @Option(names = "--db-id", description = "database id (required with --tables and --ddl)") String dbId;
    @Option(names = "--question", description = "link this question to the schema: <em>/<pm> after the names it mentions, "
            + "<val> after the values (values need --db, or INSERT rows in --ddl)") String question;
    @Option(names = "--no-types", description = "leave out column types") boolean noTypes;
    @Option(names = "--no-keys", description = "leave out <pk>/<fk> markers") boolean noKeys;
    @Option(names = "--max-values", defaultValue = "2", description = "linked values per column (default: ${DEFAULT-VALUE})") int maxValues;
    @Option(names = "--join", arity = "2", paramLabel = "TABLE", description = "print the shortest join path between two tables instead") List<String> join;
    @Option(names = "--tokenizer", description = "the model's tokenizer.json: with --question, print the encoder input exactly as "
            + "the model reads it, pruned to the budget, and why each dropped table went") Path tokenizer;
    @Option(names = "--config", defaultValue = "tiny", description = "config whose data section sets the format and budget (default: ${DEFAULT-VALUE})") String config;
    @Option(names = "--max-schema-tokens", description = "budget instead of the config's data.max_schema_tokens") Integer maxSchemaTokens;

    @Override
    public Integer call() throws Exception {
        DatabaseSchema schema;
        ValueIndex values = null;
        if (source.db != null) {
            schema = SchemaReaders.fromSqlite(source.db);
            if (question != null) values = ValueIndex.build(source.db);
        } else {
            if (dbId == null) throw new IllegalArgumentException("--db-id is required with --tables and --ddl");
            if (source.tables != null) {
                schema = SchemaReaders.fromTablesJson(source.tables).get(dbId);
                if (schema == null) throw new IllegalArgumentException(source.tables + ": no entry with db_id '" + dbId + "'");
            } else {
                schema = SchemaReaders.fromDdl(dbId, Files.readString(source.ddl));
                if (question != null) values = ValueIndex.fromSamples(schema);
            }
        }
        if (join != null) {
            JoinGraph g = JoinGraph.of(schema);
            List<ForeignKey> path = g.path(join.get(0), join.get(1));
            if (path.isEmpty() && !g.connected(join.get(0), join.get(1))) {
                System.out.println("no join path between " + join.get(0) + " and " + join.get(1));
                return 1;
            }
            for (ForeignKey fk : path) System.out.println(fk.fromTable() + "." + fk.fromColumn() + " = " + fk.toTable() + "." + fk.toColumn());
            return 0;
        }
        if (question != null && question.isBlank()) throw new IllegalArgumentException("--question is empty");
        if (schema.tables().isEmpty()) throw new IllegalArgumentException("database '" + schema.dbId() + "' has no tables");
        SerializationOptions opts = new SerializationOptions(!noTypes, !noKeys, question != null, maxValues, true, true);
        if (tokenizer == null || question == null) {
            System.out.println(SchemaSerializer.serialize(schema, opts, question, values));
            if (tokenizer == null && question != null) System.err.println("(not pruned: give --tokenizer to see the input within the token budget)");
            return 0;
        }
        PromptOptions base = VantageConfig.load(config).data().prompt();
        EncodingLimits l = base.limits();
        PromptOptions o = new PromptOptions(opts, maxSchemaTokens == null ? l : new EncodingLimits(l.maxQuestionTokens(), l.maxSqlTokens(), maxSchemaTokens),
                base.questionInEncoder(), base.questionInDecoder(), base.normalizeSql());
        PromptEncoder encoder = new PromptEncoder(TokenizerJson.load(tokenizer), o);
        Prompt p = encoder.encode(question, schema, values);
        System.out.println(o.questionInEncoder() ? question + " <sep> " + p.schemaText() : p.schemaText());
        System.out.printf("# %d encoder tokens (budget %d)%s; decoder prefix %d tokens%n", p.schemaIds().length, o.limits().maxSchemaTokens(),
                p.questionTruncated() ? ", question cut" : "", p.decoderPrefix().length);
        for (PrunedSchema.DroppedTable d : p.schema().droppedTables()) System.out.println("# dropped table " + d.name() + ": " + d.reason());
        if (!p.schema().droppedColumns().isEmpty()) System.out.println("# dropped columns " + String.join(", ", p.schema().droppedColumns()));
        return 0;
    }
}
