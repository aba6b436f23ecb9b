package dev.vantage.engine.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;
import java.util.TreeMap;

/**
 * {@code model.safetensors.index.json} in the Hugging Face layout:
 * {@code {"metadata": {"total_size": bytes}, "weight_map": {tensor: shard file name}}}. Shard names must be plain
 * file names in the same directory; anything else (a path, "..") is rejected so an index cannot point outside it.
 */
record ShardIndex(Map<String, String> weightMap, long totalSize) {
    static final String FILE_NAME = "model.safetensors.index.json";

    ShardIndex {
        weightMap = Collections.unmodifiableMap(new TreeMap<>(weightMap));
    }

    /** Shard file names in sorted order (model-00001-of-… first). */
    SequencedSet<String> shardFiles() {
        return new LinkedHashSet<>(weightMap.values().stream().sorted().distinct().toList());
    }

    static ShardIndex read(Path indexFile) {
        JsonNode root;
        try {
            root = SafeTensorsHeader.JSON.readTree(Files.readAllBytes(indexFile));
        } catch (NoSuchFileException e) {
            throw new SafeTensorsException(indexFile + ": no such file");
        } catch (JsonProcessingException e) {
            throw new SafeTensorsException(indexFile + ": not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(indexFile + ": cannot read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) throw new SafeTensorsException(indexFile + ": must be a JSON object");
        JsonNode map = root.get("weight_map");
        if (map == null || !map.isObject()) {
            throw new SafeTensorsException(indexFile + ": missing \"weight_map\" object of tensor name -> shard file");
        }
        Map<String, String> weightMap = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : map.properties()) {
            JsonNode f = e.getValue();
            if (!f.isTextual() || !isPlainFileName(f.asText())) {
                throw new SafeTensorsException(indexFile + ": weight_map['" + e.getKey()
                        + "'] must be a file name in the same directory, found " + f);
            }
            weightMap.put(e.getKey(), f.asText());
        }
        // total_size is informational (Hugging Face tools disagree on what it counts), so it is not checked.
        JsonNode total = root.path("metadata").path("total_size");
        return new ShardIndex(weightMap, total.canConvertToLong() ? total.asLong() : -1);
    }

    byte[] toJson() {
        ObjectNode root = SafeTensorsHeader.JSON.createObjectNode();
        root.putObject("metadata").put("total_size", totalSize);
        ObjectNode map = root.putObject("weight_map");
        weightMap.forEach(map::put);
        try {
            String json = SafeTensorsHeader.JSON.writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
            return (json + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean isPlainFileName(String name) {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..")
                && name.indexOf('/') < 0 && name.indexOf('\\') < 0 && name.indexOf('\0') < 0;
    }

    /** The standard shard name, 1-based: {@code model-00001-of-00003.safetensors}. */
    static String shardName(int index, int count) {
        return String.format("model-%05d-of-%05d.safetensors", index, count);
    }

    static List<String> shardNames(int count) {
        return java.util.stream.IntStream.rangeClosed(1, count).mapToObj(i -> shardName(i, count)).toList();
    }
}
