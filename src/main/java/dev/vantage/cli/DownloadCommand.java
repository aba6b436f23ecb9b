package dev.vantage.cli;

import dev.vantage.data.download.ChecksumMismatchException;
import dev.vantage.data.download.DownloadCatalog;
import dev.vantage.data.download.Downloader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "download", mixinStandardHelpOptions = true,
        description = {"Downloads a dataset from its official location, resuming partial files, verifying its "
                + "SHA-256 (recorded on first download where no official checksum exists) and unpacking it into OUT/<dataset>."})
public final class DownloadCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DATASET", description = "spider, bird, wikisql or gretel")
    String dataset;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "data directory (the dataset lands in DIR/<dataset>)")
    Path out;

    @Option(names = "--base-url", paramLabel = "URL",
            description = "fetch URL/<file name> instead of the official location (a mirror); also -D" + Downloader.BASE_URL_PROPERTY)
    String baseUrl;

    @Override public Integer call() throws InterruptedException {
        try {
            Path dir = new Downloader(out, baseUrl, System.err).download(DownloadCatalog.of(dataset));
            System.out.println(dataset + " is in " + dir);
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("vantage download: " + e.getMessage());
            return 2;
        } catch (ChecksumMismatchException e) {
            System.err.println("vantage download: refused: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("vantage download: " + e.getMessage());
            return 1;
        }
    }
}
