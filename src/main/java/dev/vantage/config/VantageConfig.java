package dev.vantage.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vantage.model.ModelConfig;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A configuration file ({@code configs/*.yaml}) with its five sections: model, training, data,
 * inference, evaluation. The model section maps onto {@link ModelConfig}; the others stay as
 * trees that each stage reads with {@link #section(String)}.
 */
public record VantageConfig(String source, ModelConfig model, JsonNode root) {
    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Loads a config by name ({@code tiny}, {@code small}, ...: the bundled copy) or by path. */
    public static VantageConfig load(String nameOrPath) {
        Path p = Path.of(nameOrPath);
        try {
            if (Files.isRegularFile(p)) {
                try (InputStream in = Files.newInputStream(p)) { return parse(p.toString(), in); }
            }
            Path local = Path.of("configs", nameOrPath + ".yaml");
            if (Files.isRegularFile(local)) {
                try (InputStream in = Files.newInputStream(local)) { return parse(local.toString(), in); }
            }
            InputStream bundled = VantageConfig.class.getResourceAsStream("/configs/" + nameOrPath + ".yaml");
            if (bundled != null) {
                try (bundled) { return parse("configs/" + nameOrPath + ".yaml (bundled)", bundled); }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read config " + nameOrPath + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("no config named '" + nameOrPath + "': give a path to a YAML file or one of "
                + "tiny, small, medium, large, bench-tiny");
    }

    static VantageConfig parse(String source, InputStream in) throws IOException {
        JsonNode root = YAML.readTree(in);
        if (root == null || !root.has("model")) throw new IllegalArgumentException(source + ": no 'model' section");
        ModelConfig model;
        try {
            model = YAML.treeToValue(root.get("model"), ModelConfig.class);
        } catch (Exception e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException(source + ": " + c.getMessage(), e);
        }
        return new VantageConfig(source, model, root);
    }

    /** A top-level section ("training", "data", ...), or a missing node whose lookups give defaults. */
    public JsonNode section(String name) {
        JsonNode n = root.get(name);
        return n == null ? MissingNode.getInstance() : n;
    }
}
