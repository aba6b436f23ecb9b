package dev.vantage.evaluation.report;

import dev.vantage.engine.io.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Path;

/** Writes an {@link EvaluationReport} as report.json and report.html under a folder, each atomically. */
public final class ReportWriter {
    private ReportWriter() {
    }

    public static void write(EvaluationReport report, Path folder) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.writeString(folder.resolve("report.json"), json.writeValueAsString(report));
        AtomicFiles.writeString(folder.resolve("report.html"), HtmlReport.render(report));
    }
}
