package dev.vantage.data.tokenizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vantage.engine.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes Hugging Face's {@code tokenizer.json} (the schema of the {@code tokenizers}
 * library, version "1.0"): added_tokens, a ByteLevel pre-tokenizer (GPT-2 regex, no prefix space)
 * and decoder, and a BPE model with vocab and merges. Merges are written as pairs
 * ([["a","b"], ...], as tokenizers 0.20+ writes them) and read in both that and the older
 * "a b" string form.
 */
public final class TokenizerJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TokenizerJson() {}

    public static String toJson(BpeTokenizer t) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (String s : t.specialTokens()) {
            ObjectNode a = added.addObject();
            a.put("id", t.id(s));
            a.put("content", s);
            a.put("single_word", false);
            a.put("lstrip", false);
            a.put("rstrip", false);
            a.put("normalized", false);
            a.put("special", true);
        }
        root.putNull("normalizer");
        root.set("pre_tokenizer", byteLevel(false));
        root.putNull("post_processor");
        root.set("decoder", byteLevel(true));
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.put("ignore_merges", false);
        ObjectNode vocab = model.putObject("vocab");
        for (int i = 0; i < t.vocabSize(); i++) vocab.put(t.token(i), i);
        ArrayNode merges = model.putArray("merges");
        for (String[] m : t.merges()) merges.addArray().add(m[0]).add(m[1]);
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode byteLevel(boolean addPrefixSpace) {
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "ByteLevel");
        n.put("add_prefix_space", addPrefixSpace);
        n.put("trim_offsets", true);
        n.put("use_regex", true);
        return n;
    }

    /** Writes atomically (temp file + move). */
    public static void save(BpeTokenizer t, Path file) throws IOException {
        AtomicFiles.writeString(file, toJson(t));
    }

    public static BpeTokenizer load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no tokenizer file " + file);
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not JSON (line " + e.getLocation().getLineNr() + "): " + e.getOriginalMessage());
        }
        return fromJson(root, file.toString());
    }

    public static BpeTokenizer fromJson(JsonNode root, String source) {
        JsonNode model = root.path("model");
        if (!"BPE".equals(model.path("type").asText("BPE")) || !model.path("vocab").isObject()) {
            throw new IllegalArgumentException(source + ": field 'model' must be a BPE model with a vocab");
        }
        String pre = root.path("pre_tokenizer").path("type").asText("");
        if (!pre.equals("ByteLevel")) {
            throw new IllegalArgumentException(source + ": field 'pre_tokenizer.type' is '" + pre + "'; only ByteLevel is supported");
        }
        if (root.path("pre_tokenizer").path("add_prefix_space").asBoolean(false)) {
            throw new IllegalArgumentException(source + ": field 'pre_tokenizer.add_prefix_space' = true is not supported");
        }
        TreeMap<Integer, String> byId = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = model.get("vocab").fields();
        while (it.hasNext()) {
            var e = it.next();
            if (!e.getValue().canConvertToInt()) throw new IllegalArgumentException(source + ": field 'model.vocab." + e.getKey() + "' is not an id");
            if (byId.put(e.getValue().asInt(), e.getKey()) != null) {
                throw new IllegalArgumentException(source + ": field 'model.vocab': id " + e.getValue().asInt() + " used twice");
            }
        }
        List<String> specials = new ArrayList<>();
        for (JsonNode a : root.path("added_tokens")) {
            int id = a.path("id").asInt(-1);
            String content = a.path("content").asText(null);
            if (id < 0 || content == null) throw new IllegalArgumentException(source + ": field 'added_tokens' has an entry without id or content");
            String prev = byId.putIfAbsent(id, content);
            if (prev != null && !prev.equals(content)) {
                throw new IllegalArgumentException(source + ": added token " + content + " has id " + id + ", which the vocab gives to " + prev);
            }
            specials.add(content);
        }
        if (byId.isEmpty() || byId.firstKey() != 0 || byId.lastKey() != byId.size() - 1) {
            throw new IllegalArgumentException(source + ": field 'model.vocab': ids must run from 0 without gaps");
        }
        List<String[]> merges = new ArrayList<>();
        int i = 0;
        for (JsonNode m : model.path("merges")) {
            if (m.isArray() && m.size() == 2) merges.add(new String[] {m.get(0).asText(), m.get(1).asText()});
            else if (m.isTextual() && m.asText().indexOf(' ') > 0) {
                String s = m.asText();
                int sp = s.indexOf(' ');
                merges.add(new String[] {s.substring(0, sp), s.substring(sp + 1)});
            } else throw new IllegalArgumentException(source + ": field 'model.merges[" + i + "]' is neither [a, b] nor \"a b\"");
            i++;
        }
        try {
            return new BpeTokenizer(new ArrayList<>(byId.values()), merges, specials);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }
}
