package dev.vantage.engine.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed and validated header of one safetensors file: {@code u64 LE length N}, N bytes of JSON, then the
 * data section. Everything the header claims is checked against the file size before anything large is
 * allocated or mapped, with the rules of the Hugging Face reference: header at most 100,000,000 bytes, tensors
 * packed back to back from offset 0 to exactly the end of the file, each span equal to numel × dtype size.
 *
 * @param tensors  tensors in data order, with absolute file offsets
 * @param metadata the {@code __metadata__} strings (empty if absent)
 */
record SafeTensorsHeader(List<TensorInfo> tensors, Map<String, String> metadata, long headerLength) {

    /** The reference implementation's limit; it keeps a hostile length from causing a huge allocation. */
    static final long MAX_HEADER_BYTES = 100_000_000L;
    static final String METADATA_KEY = "__metadata__";

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static SafeTensorsHeader read(FileChannel channel, Path file) {
        try {
            long fileSize = channel.size();
            if (fileSize < 8) {
                throw error(file, "file is " + fileSize + " bytes, too short for the 8-byte header length (truncated?)");
            }
            ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, prefix, 0, file);
            long n = prefix.getLong(0);   // u64: a negative long is a length above 2^63
            if (n < 0 || n > MAX_HEADER_BYTES) {
                throw error(file, "header length " + Long.toUnsignedString(n) + " exceeds the limit of "
                        + MAX_HEADER_BYTES + " bytes (corrupt or not a safetensors file)");
            }
            if (8 + n > fileSize) {
                throw error(file, "header length " + n + " but only " + (fileSize - 8)
                        + " bytes follow the length prefix (truncated?)");
            }
            ByteBuffer json = ByteBuffer.allocate((int) n);
            readFully(channel, json, 8, file);
            return parse(json.array(), file, 8 + n, fileSize - 8 - n);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buf, long position, Path file) throws IOException {
        while (buf.hasRemaining()) {
            int r = channel.read(buf, position + buf.position());
            if (r < 0) throw error(file, "unexpected end of file at byte " + (position + buf.position()));
        }
    }

    /** Parses header JSON whose data section starts at {@code dataStart} and is {@code dataSize} bytes long. */
    static SafeTensorsHeader parse(byte[] json, Path file, long dataStart, long dataSize) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw error(file, "header is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw error(file, "header is not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw error(file, "header must be a JSON object, found " + (root == null ? "nothing" : root.getNodeType()));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        record Entry(TensorSpec spec, long begin, long end) {}
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.equals(METADATA_KEY)) {
                readMetadata(value, metadata, file);
                continue;
            }
            String where = "tensor '" + name + "'";
            if (!value.isObject()) throw error(file, where + ": expected an object, found " + value.getNodeType());
            DType dtype;
            JsonNode dtypeNode = require(value, "dtype", file, where);
            if (!dtypeNode.isTextual()) throw error(file, where + ": dtype must be a string, found " + dtypeNode);
            try {
                dtype = DType.parse(dtypeNode.asText());
            } catch (IllegalArgumentException e) {
                throw error(file, where + ": " + e.getMessage());
            }
            long[] shape = longArray(require(value, "shape", file, where), -1, file, where, "shape");
            long[] offsets = longArray(require(value, "data_offsets", file, where), 2, file, where, "data_offsets");
            TensorSpec spec;
            try {
                spec = new TensorSpec(name, dtype, shape);
            } catch (IllegalArgumentException e) {
                throw error(file, e.getMessage());
            }
            entries.add(new Entry(spec, offsets[0], offsets[1]));
        }
        // The reference sorts by offsets and then requires the spans to tile the data section exactly.
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        List<TensorInfo> tensors = new ArrayList<>(entries.size());
        long expected = 0;
        String previous = null;
        for (Entry e : entries) {
            String where = "tensor '" + e.spec.name() + "': data_offsets [" + e.begin + ", " + e.end + "]";
            if (e.end < e.begin) throw error(file, where + " end before they begin");
            long needed = e.spec.byteLength();
            if (e.end - e.begin != needed) {
                throw error(file, where + " span " + (e.end - e.begin) + " bytes but shape "
                        + Arrays.toString(e.spec.shape()) + " of " + e.spec.dtype() + " needs " + needed + " bytes");
            }
            if (e.end > dataSize) {
                throw error(file, where + " run past the end of the data section, which has " + dataSize
                        + " bytes (truncated file?)");
            }
            if (e.begin < expected) {
                throw error(file, where + " overlap tensor '" + previous + "', which ends at " + expected);
            }
            if (e.begin > expected) {
                throw error(file, where + " leave a gap of " + (e.begin - expected) + " bytes after "
                        + (previous == null ? "the start of the data section" : "tensor '" + previous + "'")
                        + " (safetensors requires tensors packed without gaps)");
            }
            tensors.add(new TensorInfo(e.spec, file, dataStart + e.begin));
            expected = e.end;
            previous = e.spec.name();
        }
        if (expected != dataSize) {
            throw error(file, "data section has " + dataSize + " bytes but the tensors cover only " + expected
                    + " (trailing bytes after " + (previous == null ? "the header" : "tensor '" + previous + "'") + ")");
        }
        return new SafeTensorsHeader(List.copyOf(tensors), java.util.Collections.unmodifiableMap(metadata), dataStart - 8);
    }

    private static void readMetadata(JsonNode value, Map<String, String> out, Path file) {
        if (value.isNull()) return;   // the reference reads null as "no metadata"
        if (!value.isObject()) throw error(file, METADATA_KEY + " must be an object of strings, found " + value.getNodeType());
        for (Map.Entry<String, JsonNode> m : value.properties()) {
            if (!m.getValue().isTextual()) {
                throw error(file, METADATA_KEY + "['" + m.getKey() + "'] must be a string, found " + m.getValue());
            }
            out.put(m.getKey(), m.getValue().asText());
        }
    }

    private static JsonNode require(JsonNode obj, String field, Path file, String where) {
        JsonNode v = obj.get(field);
        if (v == null) throw error(file, where + ": missing \"" + field + "\"");
        return v;
    }

    private static long[] longArray(JsonNode node, int length, Path file, String where, String field) {
        if (!node.isArray()) throw error(file, where + ": " + field + " must be an array, found " + node);
        if (length >= 0 && node.size() != length) {
            throw error(file, where + ": " + field + " must have " + length + " entries, found " + node);
        }
        long[] out = new long[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || v.bigIntegerValue().signum() < 0 || !v.canConvertToLong()) {
                throw error(file, where + ": " + field + " must hold non-negative integers below 2^63, found " + node);
            }
            out[i] = v.longValue();
        }
        return out;
    }

    /** The header JSON the reference writer would produce for these tensors (in this order), padded to 8 bytes. */
    static byte[] encode(List<TensorSpec> specsInDataOrder, Map<String, String> metadata) {
        ObjectNode root = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode m = root.putObject(METADATA_KEY);
            metadata.forEach(m::put);
        }
        long offset = 0;
        for (TensorSpec s : specsInDataOrder) {
            if (s.name().equals(METADATA_KEY)) throw new IllegalArgumentException("tensor name " + METADATA_KEY + " is reserved");
            if (root.has(s.name())) throw new IllegalArgumentException("duplicate tensor name '" + s.name() + "'");
            ObjectNode t = root.putObject(s.name());
            t.put("dtype", s.dtype().name());
            ArrayNode shape = t.putArray("shape");
            for (long d : s.shape()) shape.add(d);
            long end = offset + s.byteLength();
            t.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        int padded = (json.length + 7) & ~7;
        byte[] out = Arrays.copyOf(json, padded);
        Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }

    static SafeTensorsException error(Path file, String message) {
        return new SafeTensorsException(file + ": " + message);
    }
}
