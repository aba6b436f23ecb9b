package dev.vantage.data.dataset;

/**
 * One thing wrong with the input: where (file, line or index) and what (field, message).
 *
 * @param file     the file it was found in
 * @param location "line 12", "index 3 (line 40)" or "" when it concerns the whole file
 * @param field    the JSON field or column at fault; "" when not one field
 */
public record LoadProblem(String file, String location, String field, String message) {
    @Override public String toString() {
        StringBuilder sb = new StringBuilder(file);
        if (!location.isEmpty()) sb.append(", ").append(location);
        if (!field.isEmpty()) sb.append(", field '").append(field).append('\'');
        return sb.append(": ").append(message).toString();
    }
}
