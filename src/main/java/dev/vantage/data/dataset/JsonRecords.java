package dev.vantage.data.dataset;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the records of a JSON array file or a JSONL file one by one, telling each record's place
 * (index and line) so a bad record can be reported precisely. A syntax error inside a JSON array
 * ends that file (nothing after it can be trusted) and is reported; in JSONL only the line is lost.
 */
final class JsonRecords {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Receives one record; {@code location} reads like "index 3 (line 40)" or "line 12". */
    interface Visitor {
        void record(JsonNode node, int index, String location);
    }

    private JsonRecords() {}

    /** A JSON array of objects (Spider, BIRD). */
    static void readArray(Path file, LoadReport report, Visitor visitor) {
        String name = file.toString();
        try (JsonParser p = JSON.createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                report.problem(new LoadProblem(name, "line " + p.currentTokenLocation().getLineNr(), "",
                        "expected a JSON array of examples"));
                return;
            }
            int index = 0;
            while (true) {
                JsonToken t;
                try {
                    t = p.nextToken();
                } catch (JsonProcessingException e) {
                    report.rejected(new LoadProblem(name, "index " + index + " (line " + e.getLocation().getLineNr() + ")",
                            "", "malformed JSON, rest of file skipped: " + e.getOriginalMessage()));
                    return;
                }
                if (t == JsonToken.END_ARRAY || t == null) return;
                String location = "index " + index + " (line " + p.currentTokenLocation().getLineNr() + ")";
                JsonNode node;
                try {
                    node = p.readValueAsTree();
                } catch (JsonProcessingException e) {
                    report.rowRead();
                    report.rejected(new LoadProblem(name, location, "",
                            "malformed JSON, rest of file skipped: " + e.getOriginalMessage()));
                    return;
                }
                visitor.record(node, index++, location);
            }
        } catch (JsonProcessingException e) {
            report.problem(new LoadProblem(name, "line " + e.getLocation().getLineNr(), "", "malformed JSON: " + e.getOriginalMessage()));
        } catch (IOException e) {
            report.problem(new LoadProblem(name, "", "", "cannot read: " + e.getMessage()));
        }
    }

    /** One JSON object per line (WikiSQL, Gretel exports, user data); blank lines are ignored. */
    static void readLines(Path file, LoadReport report, Visitor visitor) {
        String name = file.toString();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNr = 0, index = 0;
            while ((line = in.readLine()) != null) {
                lineNr++;
                if (line.isBlank()) continue;
                JsonNode node;
                try {
                    node = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    report.rowRead();
                    report.rejected(new LoadProblem(name, "line " + lineNr, "", "malformed JSON: " + e.getOriginalMessage()));
                    index++;
                    continue;
                }
                visitor.record(node, index++, "line " + lineNr);
            }
        } catch (IOException e) {
            report.problem(new LoadProblem(name, "", "", "cannot read: " + e.getMessage()));
        }
    }

    /** JSONL when the name says so, else a JSON array. */
    static void read(Path file, LoadReport report, Visitor visitor) {
        if (file.getFileName().toString().endsWith(".jsonl")) readLines(file, report, visitor);
        else readArray(file, report, visitor);
    }

    /** An optional text field ("" when absent). */
    static String optionalText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }
}
