package dev.vantage.data.dataset;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads BIRD's {@code database_description/<table>.csv} files (header: original_column_name,
 * column_name, column_description, data_format, value_description) into one description per column.
 * The files come in mixed encodings (UTF-8, some with a BOM, some Windows-1252), so each is decoded
 * as UTF-8 first and as Windows-1252 when that fails.
 */
final class BirdColumnDescriptions {
    private static final CsvMapper CSV = new CsvMapper().enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES);

    private BirdColumnDescriptions() {}

    /** table (lower case) to column (lower case) to description; problems go into the report. */
    static Map<String, Map<String, String>> read(Path descriptionDir, LoadReport report) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        if (!Files.isDirectory(descriptionDir)) return out;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(descriptionDir, "*.csv")) {
            for (Path f : files) {
                String table = f.getFileName().toString().replaceFirst("(?i)\\.csv$", "").strip().toLowerCase(Locale.ROOT);
                Map<String, String> columns = readTable(f, report);
                if (!columns.isEmpty()) out.put(table, columns);
            }
        } catch (IOException e) {
            report.problem(new LoadProblem(descriptionDir.toString(), "", "", "cannot list: " + e.getMessage()));
        }
        return out;
    }

    private static Map<String, String> readTable(Path f, LoadReport report) {
        Map<String, String> columns = new TreeMap<>();
        String text;
        try {
            text = decode(Files.readAllBytes(f));
        } catch (IOException e) {
            report.problem(new LoadProblem(f.toString(), "", "", "cannot read: " + e.getMessage()));
            return columns;
        }
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        try (MappingIterator<Map<String, String>> rows = CSV.readerForMapOf(String.class).with(schema).readValues(text)) {
            int row = 1;
            while (rows.hasNextValue()) {
                row++;
                Map<String, String> r;
                try {
                    r = rows.nextValue();
                } catch (RuntimeJsonMappingException | IOException e) {
                    report.problem(new LoadProblem(f.toString(), "row " + row, "", "malformed CSV: " + e.getMessage()));
                    continue;
                }
                String original = clean(r.get("original_column_name"));
                if (original.isEmpty()) {
                    report.problem(new LoadProblem(f.toString(), "row " + row, "original_column_name", "missing"));
                    continue;
                }
                String description = describe(original, clean(r.get("column_name")), clean(r.get("column_description")),
                        clean(r.get("value_description")));
                if (!description.isEmpty()) columns.put(original.toLowerCase(Locale.ROOT), description);
            }
        } catch (IOException | RuntimeException e) {
            report.problem(new LoadProblem(f.toString(), "", "", "malformed CSV: " + e.getMessage()));
        }
        return columns;
    }

    /** The expanded name when it adds something, the description, then what the values mean. */
    static String describe(String original, String name, String description, String values) {
        StringBuilder sb = new StringBuilder();
        if (!description.isEmpty()) sb.append(description);
        else if (!name.isEmpty() && !name.equalsIgnoreCase(original)) sb.append(name);
        if (!values.isEmpty() && !values.equalsIgnoreCase(description)) {
            if (!sb.isEmpty()) sb.append("; ");
            sb.append(values);
        }
        return sb.toString().replaceAll("\\s+", " ").strip();
    }

    private static String clean(String s) {
        if (s == null) return "";
        s = s.strip();
        return s.equalsIgnoreCase("nan") ? "" : s;
    }

    static String decode(byte[] bytes) throws CharacterCodingException {
        String s;
        try {
            s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            s = new String(bytes, Charset.forName("windows-1252"));
        }
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
}
