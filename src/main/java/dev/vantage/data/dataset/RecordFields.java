package dev.vantage.data.dataset;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the fields of one record, remembering the first thing wrong, so a loader can take every
 * field it needs and then reject the row once with a message naming file, place and field.
 */
final class RecordFields {
    private final JsonNode node;
    private final String file;
    private final String location;
    private LoadProblem problem;

    RecordFields(JsonNode node, String file, String location) {
        this.node = node;
        this.file = file;
        this.location = location;
        if (node == null || !node.isObject()) {
            problem = new LoadProblem(file, location, "", "expected a JSON object, found "
                    + (node == null ? "nothing" : node.getNodeType()));
        }
    }

    /** A required, non-blank text (numbers are taken as their text). */
    String text(String field) {
        if (problem != null) return null;
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return fail(field, "missing");
        if (!v.isTextual() && !v.isNumber()) return fail(field, "expected text, found " + v.getNodeType());
        String s = v.asText();
        return s.isBlank() ? fail(field, "empty") : s;
    }

    /** An optional text; "" when absent or null. */
    String optionalText(String field) {
        if (problem != null) return "";
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) return "";
        if (!v.isValueNode()) { fail(field, "expected text, found " + v.getNodeType()); return ""; }
        return v.asText();
    }

    /** A required non-negative integer. */
    int index(String field, JsonNode parent, String path) {
        if (problem != null) return -1;
        JsonNode v = parent == null ? null : parent.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 0) {
            fail(path, v == null ? "missing" : "expected a non-negative integer, found " + v);
            return -1;
        }
        return v.asInt();
    }

    JsonNode node() { return node; }

    /** Records a problem with a field (only the first one is kept). */
    String fail(String field, String message) {
        if (problem == null) problem = new LoadProblem(file, location, field, message);
        return null;
    }

    /** True when the record is usable; otherwise rejects it in the report. Counts the row either way. */
    boolean accept(LoadReport report) {
        report.rowRead();
        if (problem == null) return true;
        report.rejected(problem);
        return false;
    }
}
