package dev.vantage.data.augment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vantage.data.Example;
import dev.vantage.data.schema.SpiderFixtures;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The fixture's dev questions as {@link Example}s. */
final class SpiderMiniExamples {
    private SpiderMiniExamples() {}

    static List<Example> load() {
        try {
            JsonNode root = new ObjectMapper().readTree(SpiderFixtures.MINI.resolve("dev.json").toFile());
            List<Example> out = new ArrayList<>();
            for (int i = 0; i < root.size(); i++) {
                JsonNode e = root.get(i);
                out.add(new Example("spider-mini/" + i, "spider", e.get("db_id").asText(), e.get("question").asText(), "", e.get("query").asText()));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
