package dev.vantage.evaluation.bird;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** BIRD's evaluation inputs: predictions JSON ({"0": "SQL\t----- bird -----\tdb_id", ...}) and dev.json difficulties. */
public final class BirdFiles {
    static final String SEPARATOR = "\t----- bird -----\t";

    private BirdFiles() {
    }

    /**
     * Predictions in the official JSON object (values in key order; the part before the BIRD separator
     * is the SQL, a non-string value is an empty prediction), or, for a non-JSON file, one SQL per line.
     */
    public static List<String> readPredictions(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (!text.stripLeading().startsWith("{")) {
            List<String> lines = new ArrayList<>(text.lines().toList());
            while (!lines.isEmpty() && lines.getLast().isBlank()) {
                lines.removeLast();
            }
            return lines.stream().map(line -> line.split("\t", -1)[0].strip()).toList();
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new IOException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        List<String> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            JsonNode value = fields.next().getValue();
            if (!value.isTextual()) {
                out.add("");
                continue;
            }
            String s = value.asText();
            int cut = s.indexOf(SEPARATOR);
            out.add(cut >= 0 ? s.substring(0, cut) : s.strip());
        }
        return out;
    }

    /** The "difficulty" of each entry of a BIRD dev.json, in order. */
    public static List<String> readDifficulties(Path devJson) throws IOException {
        JsonNode root = new ObjectMapper().readTree(devJson.toFile());
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException(devJson + ": expected a JSON array of questions");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode difficulty = root.get(i).get("difficulty");
            if (difficulty == null || !difficulty.isTextual()) {
                throw new IllegalArgumentException(devJson + ": entry " + i + " has no string field 'difficulty'");
            }
            out.add(difficulty.asText());
        }
        return out;
    }
}
