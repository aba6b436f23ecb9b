package dev.vantage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vantage.model.Batch;
import dev.vantage.model.Checkpoint;
import dev.vantage.model.TrainingState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/** {@code vantage debug}: tools for checking the model against outside references. */
@Command(name = "debug", mixinStandardHelpOptions = true, description = "Debugging tools.",
        subcommands = {DebugCommand.Forward.class})
public final class DebugCommand implements Runnable {
    @Override public void run() { new picocli.CommandLine(this).usage(System.out); }

    @Command(name = "forward", mixinStandardHelpOptions = true,
            description = "One forward pass on a JSON batch; prints loss, ce_loss, aux_loss, z_loss, last_logits, expert_counts.")
    static final class Forward implements Runnable {
        @Option(names = "--model", required = true) Path model;
        @Option(names = "--input", required = true, description = "{schema_ids, input_ids, loss_mask, input_lengths, schema_lengths}") Path input;
        @Option(names = "--with-capacity", description = "drop tokens beyond the config's capacity_factor, as training does (default: dropless, as inference)") boolean withCapacity;

        @Override public void run() {
            JsonNode in;
            try {
                in = Checkpoint.JSON.readTree(input.toFile());
            } catch (IOException e) {
                throw new IllegalArgumentException(input + ": not valid JSON: " + e.getMessage(), e);
            }
            Batch b = new Batch(matrix(in, "schema_ids", false), vector(in, "schema_lengths", false),
                    matrix(in, "input_ids", true), vector(in, "input_lengths", true), matrix(in, "loss_mask", false));
            TrainingState s = new TrainingState(Checkpoint.load(model));
            TrainingState.Output o = withCapacity ? s.forward(b, null) : s.forwardDropless(b);
            ObjectNode out = Checkpoint.JSON.createObjectNode();
            out.put("loss", o.loss()).put("ce_loss", o.ceLoss()).put("aux_loss", o.auxLoss()).put("z_loss", o.zLoss());
            out.put("loss_tokens", o.lossTokens());
            ArrayNode logits = out.putArray("last_logits");
            for (float v : o.lastLogits()) logits.add(v);
            ArrayNode counts = out.putArray("expert_counts"), kept = out.putArray("expert_counts_kept");
            for (int l = 0; l < o.expertCounts().length; l++) {
                ArrayNode c = counts.addArray(), k = kept.addArray();
                for (long v : o.expertCounts()[l]) c.add(v);
                for (long v : o.expertKept()[l]) k.add(v);
            }
            System.out.println(out.toString());
        }

        private int[][] matrix(JsonNode in, String field, boolean required) {
            JsonNode n = in.get(field);
            if (n == null || n.isNull()) {
                if (required) throw new IllegalArgumentException(input + ": field '" + field + "' is missing");
                return null;
            }
            if (!n.isArray()) throw new IllegalArgumentException(input + ": field '" + field + "' must be a list of lists of integers");
            int[][] out = new int[n.size()][];
            for (int i = 0; i < n.size(); i++) {
                JsonNode row = n.get(i);
                if (!row.isArray()) throw new IllegalArgumentException(input + ": " + field + "[" + i + "] must be a list of integers");
                out[i] = new int[row.size()];
                for (int j = 0; j < row.size(); j++) {
                    if (!row.get(j).canConvertToInt()) throw new IllegalArgumentException(input + ": " + field + "[" + i + "][" + j + "] is not an integer");
                    out[i][j] = row.get(j).asInt();
                }
            }
            return out;
        }

        private int[] vector(JsonNode in, String field, boolean required) {
            JsonNode n = in.get(field);
            if (n == null || n.isNull()) {
                if (required) throw new IllegalArgumentException(input + ": field '" + field + "' is missing");
                return null;
            }
            int[] out = new int[n.size()];
            for (int i = 0; i < n.size(); i++) {
                if (!n.get(i).canConvertToInt()) throw new IllegalArgumentException(input + ": " + field + "[" + i + "] is not an integer");
                out[i] = n.get(i).asInt();
            }
            return out;
        }
    }
}
