package dev.vantage.data.download;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vantage.engine.io.AtomicFiles;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * Fetches dataset files into {@code <out>/.downloads/}, resuming partial files with HTTP Range
 * requests (also across runs: the partial file is kept as {@code <name>.part}), verifies their
 * SHA-256 (against the catalog, or against the checksum recorded on first download), and unpacks
 * them into {@code <out>/<dataset>/}. A file that fails verification is deleted and never unpacked.
 */
public final class Downloader {
    public static final String BASE_URL_PROPERTY = "vantage.download.baseUrl";
    static final int MAX_ATTEMPTS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path out;
    private final String baseUrl;
    private final HttpClient http;
    private final PrintStream log;
    private boolean progressBar = true;
    private Duration stallTimeout = Duration.ofSeconds(60);

    /** @param baseUrlOrNull fetch {@code base/<file name>} instead of the official URLs (mirrors, tests) */
    public Downloader(Path out, String baseUrlOrNull, PrintStream log) {
        this.out = out;
        this.baseUrl = baseUrlOrNull != null ? baseUrlOrNull : System.getProperty(BASE_URL_PROPERTY);
        this.log = log;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30)).build();
    }

    public Downloader withoutProgressBar() { progressBar = false; return this; }

    /** How long a transfer may go without receiving a byte before it is dropped and resumed. */
    public Downloader stallTimeout(Duration d) { stallTimeout = d; return this; }

    private Path downloads() { return out.resolve(".downloads"); }

    /** Downloads, verifies and unpacks every source; returns the dataset folders written. */
    public Path download(List<DownloadSource> sources) throws IOException, InterruptedException {
        Path target = null;
        for (DownloadSource s : sources) target = download(s);
        return target;
    }

    public Path download(DownloadSource s) throws IOException, InterruptedException {
        Files.createDirectories(downloads());
        Path datasetDir = out.resolve(s.dataset());
        Path marker = downloads().resolve(s.fileName() + ".unpacked");
        if (Files.isRegularFile(marker)) {
            log.println(s.fileName() + ": already downloaded and unpacked into " + datasetDir + " (delete " + marker + " to redo)");
            return datasetDir;
        }
        Path file = downloads().resolve(s.fileName());
        Path part = downloads().resolve(s.fileName() + ".part");
        if (!Files.isRegularFile(file)) {
            fetch(s.urlWith(baseUrl), part, s.fileName());
            verify(s, part);
            AtomicFiles.move(part, file);
        } else {
            verify(s, file);
        }
        Files.createDirectories(datasetDir);
        log.println(s.fileName() + ": unpacking into " + datasetDir);
        switch (s.unpack()) {
            case ZIP -> {
                Archives.unzip(file, datasetDir);
                for (Path z : Archives.unzipNested(datasetDir)) log.println("  unpacked nested " + datasetDir.relativize(z));
            }
            case TAR_BZ2 -> Archives.untarBz2(file, datasetDir);
            case NONE -> Files.copy(file, datasetDir.resolve(s.fileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        AtomicFiles.writeString(marker, sha256(file) + "\n");
        Files.delete(file);
        return datasetDir;
    }

    /** Gets the whole file into {@code part}, continuing from what is already there. */
    void fetch(String url, Path part, String name) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            long have = Files.isRegularFile(part) ? Files.size(part) : 0;
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5)).GET();
            if (have > 0) req.header("Range", "bytes=" + have + "-");
            HttpResponse<InputStream> resp;
            try {
                resp = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                last = e;
                log.println(name + ": cannot connect to " + URI.create(url).getHost() + " (" + reason(e) + "), attempt " + attempt + " of " + MAX_ATTEMPTS);
                continue;
            }
            int status = resp.statusCode();
            if (status == 416 && have > 0) { resp.body().close(); return; } // nothing left to send: the part is whole
            boolean append;
            if (status == 206 && have > 0 && contentRangeStart(resp) == have) {
                append = true;
                log.println(name + ": resuming at " + have + " bytes");
            } else if (status == 200 || status == 206) {
                append = false;
                if (have > 0) log.println(name + ": the server ignored the range request; starting over");
                have = 0;
            } else {
                resp.body().close();
                throw new IOException(name + ": HTTP " + status + " from " + url);
            }
            long length = resp.headers().firstValueAsLong("Content-Length").orElse(-1);
            try (InputStream in = resp.body();
                 OutputStream os = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                         append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                copy(in, os, name, have, length < 0 ? -1 : have + length);
                if (length >= 0 && Files.size(part) != have + length) {
                    throw new IOException("connection closed at " + Files.size(part) + " of " + (have + length) + " bytes");
                }
                return;
            } catch (IOException e) {
                last = e;
                log.println(name + ": transfer interrupted (" + reason(e) + "), " + Files.size(part)
                        + " bytes kept; attempt " + attempt + " of " + MAX_ATTEMPTS);
            }
        }
        long kept = Files.isRegularFile(part) ? Files.size(part) : 0;
        throw new IOException(name + ": download from " + url + " failed after " + MAX_ATTEMPTS + " attempts (" + reason(last) + "); "
                + (kept > 0 ? "the " + kept + " bytes in " + part + " are kept and the next run resumes them"
                        : "nothing was written; check the network (or --base-url), then run again"), last);
    }

    /** An exception's message, or its kind when it has none (a refused connection has none). */
    private static String reason(IOException e) {
        if (e == null) return "no attempt made";
        if (e instanceof java.net.ConnectException) return "connection refused" + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static long contentRangeStart(HttpResponse<?> resp) {
        // "bytes 100-199/200"
        String cr = resp.headers().firstValue("Content-Range").orElse("");
        try {
            return Long.parseLong(cr.substring(cr.indexOf(' ') + 1, cr.indexOf('-')));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    /**
     * Copies the body, closing it when no byte arrives for {@link #stallTimeout}: the HTTP client
     * has no read timeout of its own, and a stalled connection must turn into a resume, not a hang.
     */
    private void copy(InputStream in, OutputStream os, String name, long start, long total) throws IOException {
        byte[] buf = new byte[1 << 16];
        java.util.concurrent.atomic.AtomicLong lastProgress = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());
        java.util.concurrent.atomic.AtomicBoolean stalled = new java.util.concurrent.atomic.AtomicBoolean();
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    Thread.sleep(Math.max(10, stallTimeout.toMillis() / 4));
                    if (System.nanoTime() - lastProgress.get() > stallTimeout.toNanos()) {
                        stalled.set(true);
                        in.close();
                        return;
                    }
                }
            } catch (InterruptedException | IOException e) {
                // done, or closing failed: the read fails or returns either way
            }
        });
        ProgressBar bar = progressBar ? new ProgressBarBuilder().setTaskName(name).setUnit("MiB", 1 << 20)
                .setInitialMax(total < 0 ? 0 : total).startsFrom(start, Duration.ZERO).showSpeed()
                .setStyle(ProgressBarStyle.ASCII).continuousUpdate().build() : null;
        try {
            for (int n; (n = in.read(buf)) > 0; ) {
                os.write(buf, 0, n);
                lastProgress.set(System.nanoTime());
                if (bar != null) bar.stepBy(n);
            }
        } catch (IOException e) {
            if (stalled.get()) throw new IOException("no data for " + stallTimeout.toSeconds() + " s", e);
            throw e;
        } finally {
            watchdog.interrupt();
            if (bar != null) bar.close();
        }
        if (stalled.get()) throw new IOException("no data for " + stallTimeout.toMillis() + " ms");
    }

    /** Checks the SHA-256 against the catalog or the first-use record; records it when there is neither. */
    void verify(DownloadSource s, Path file) throws IOException {
        String actual = sha256(file);
        String key = s.dataset() + "/" + s.fileName();
        if (s.sha256() != null) {
            if (!s.sha256().equalsIgnoreCase(actual)) fail(file, s.sha256(), actual, "from the download catalog");
            log.println(s.fileName() + ": SHA-256 verified (" + actual + ")");
            return;
        }
        Path store = downloads().resolve("checksums.json");
        ObjectNode known = Files.isRegularFile(store) ? (ObjectNode) JSON.readTree(store.toFile()) : JSON.createObjectNode();
        if (known.has(key)) {
            String expected = known.get(key).asText();
            if (!expected.equalsIgnoreCase(actual)) fail(file, expected, actual, "recorded on first download in " + store);
            log.println(s.fileName() + ": SHA-256 matches the one recorded on first download (" + actual + ")");
            return;
        }
        known.put(key, actual);
        AtomicFiles.writeString(store, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(known));
        log.println(s.fileName() + ": TRUST ON FIRST USE: no official checksum is known for this file; recorded SHA-256 "
                + actual + " in " + store + "; later downloads must match it");
    }

    private static void fail(Path file, String expected, String actual, String from) throws IOException {
        Files.deleteIfExists(file);
        throw new ChecksumMismatchException(file.toString(), expected, actual, from);
    }

    public static String sha256Of(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }
}
