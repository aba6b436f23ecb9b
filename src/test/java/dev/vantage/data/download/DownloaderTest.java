package dev.vantage.data.download;

import com.sun.net.httpserver.HttpServer;
import dev.vantage.data.TestData;
import dev.vantage.data.dataset.LoadedSplit;
import dev.vantage.data.dataset.WikiSqlLoader;
import dev.vantage.data.download.DownloadSource.Unpack;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.*;

/** Runs the downloader against a local HTTP server (127.0.0.1, ephemeral port) serving small archives. */
class DownloaderTest {
    private HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    /** Requests to cut short (after half the body) before serving normally. */
    private final AtomicInteger cutsLeft = new AtomicInteger();
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);

    @BeforeEach void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            byte[] body = files.get(ex.getRequestURI().getPath().substring(1));
            if (body == null) { ex.sendResponseHeaders(404, -1); ex.close(); return; }
            String range = ex.getRequestHeaders().getFirst("Range");
            ranges.add(range == null ? "" : range);
            int from = 0;
            if (range != null) {
                from = Integer.parseInt(range.substring("bytes=".length(), range.indexOf('-')));
                if (from >= body.length) { ex.sendResponseHeaders(416, -1); ex.close(); return; }
                ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
            }
            int length = body.length - from;
            ex.sendResponseHeaders(range != null ? 206 : 200, length);
            try (OutputStream os = ex.getResponseBody()) {
                if (cutsLeft.getAndDecrement() > 0) {
                    os.write(body, from, length / 2);
                    os.flush();
                    return; // half the body sent, then the connection goes silent: a stalled transfer
                }
                os.write(body, from, length);
            } catch (IOException e) {
                // the client gave up on this connection
            }
        });
        server.start();
    }

    @AfterEach void stop() { server.stop(0); }

    private String base() { return "http://127.0.0.1:" + server.getAddress().getPort(); }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            for (var e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return b.toByteArray();
    }

    private static byte[] big(int n) {
        byte[] b = new byte[n];
        new java.util.Random(1).nextBytes(b);
        return b;
    }

    @Test void downloadsVerifiesAndUnpacksANestedZip(@TempDir Path out) throws Exception {
        byte[] inner = zip(Map.of("dev_databases/db1/db1.sqlite", "not really sqlite".getBytes()));
        byte[] outer = zip(Map.of("dev_20240627/dev.json", "[]".getBytes(), "dev_20240627/dev_databases.zip", inner,
                "__MACOSX/dev_20240627/._dev.json", new byte[] {0}));
        files.put("dev.zip", outer);
        var src = new DownloadSource("bird", "dev.zip", "https://example.invalid/dev.zip", Downloader.sha256Of(outer), Unpack.ZIP);
        Path dir = new Downloader(out, base(), log).withoutProgressBar().download(src);
        assertEquals(out.resolve("bird"), dir);
        assertEquals("[]", Files.readString(dir.resolve("dev_20240627/dev.json")));
        assertEquals("not really sqlite", Files.readString(dir.resolve("dev_20240627/dev_databases/db1/db1.sqlite")));
        assertFalse(Files.exists(dir.resolve("dev_20240627/dev_databases.zip")), "nested zip removed once unpacked");
        assertFalse(Files.exists(dir.resolve("__MACOSX")));
        assertTrue(logBytes.toString().contains("SHA-256 verified"));
        // a second run finds it done and fetches nothing
        int before = ranges.size();
        new Downloader(out, base(), log).withoutProgressBar().download(src);
        assertEquals(before, ranges.size());
    }

    @Test void anInterruptedTransferResumesWithARangeRequest(@TempDir Path out) throws Exception {
        byte[] payload = big(300_000);
        files.put("synthetic_text_to_sql_train.snappy.parquet", payload);
        cutsLeft.set(1);
        var src = new DownloadSource("gretel", "synthetic_text_to_sql_train.snappy.parquet", "https://example.invalid/x",
                Downloader.sha256Of(payload), Unpack.NONE);
        Path dir = new Downloader(out, base(), log).withoutProgressBar().stallTimeout(java.time.Duration.ofMillis(500)).download(src);
        assertArrayEquals(payload, Files.readAllBytes(dir.resolve("synthetic_text_to_sql_train.snappy.parquet")));
        assertEquals(2, ranges.size(), "one cut request, one resumed: " + ranges);
        assertEquals("", ranges.get(0));
        assertTrue(ranges.get(1).startsWith("bytes="), ranges.toString());
        long resumedAt = Long.parseLong(ranges.get(1).substring(6, ranges.get(1).length() - 1));
        assertTrue(resumedAt > 0 && resumedAt < payload.length, "resumed from the partial file, at " + resumedAt);
        assertTrue(logBytes.toString().contains("resuming at " + resumedAt), logBytes.toString());
    }

    @Test void aPartialFileFromAnEarlierRunIsContinued(@TempDir Path out) throws Exception {
        byte[] payload = big(100_000);
        files.put("f.bin", payload);
        Files.createDirectories(out.resolve(".downloads"));
        Files.write(out.resolve(".downloads/f.bin.part"), java.util.Arrays.copyOf(payload, 40_000));
        var src = new DownloadSource("gretel", "f.bin", "https://example.invalid/f.bin", Downloader.sha256Of(payload), Unpack.NONE);
        new Downloader(out, base(), log).withoutProgressBar().download(src);
        assertEquals(List.of("bytes=40000-"), ranges);
        assertArrayEquals(payload, Files.readAllBytes(out.resolve("gretel/f.bin")));
    }

    @Test void aClosedPortSaysWhatFailedAndThatNothingWasKept(@TempDir Path out) throws Exception {
        int port;
        try (var free = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) { port = free.getLocalPort(); }
        var src = new DownloadSource("gretel", "f.bin", "https://example.invalid/f.bin", null, Unpack.NONE);
        var e = assertThrows(IOException.class,
                () -> new Downloader(out, "http://127.0.0.1:" + port, log).withoutProgressBar().download(src));
        assertTrue(e.getMessage().contains("connection refused") && e.getMessage().contains("nothing was written"), e.getMessage());
        assertFalse(e.getMessage().contains("null") || e.getMessage().contains(".part"), e.getMessage());
        assertTrue(logBytes.toString().contains("cannot connect to 127.0.0.1 (connection refused"), logBytes.toString());
    }

    @Test void aChecksumMismatchIsRefused(@TempDir Path out) throws Exception {
        files.put("data.tar.bz2", "tampered".getBytes());
        var src = new DownloadSource("wikisql", "data.tar.bz2", "https://example.invalid/x", "00".repeat(32), Unpack.TAR_BZ2);
        var e = assertThrows(ChecksumMismatchException.class, () -> new Downloader(out, base(), log).withoutProgressBar().download(src));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
        assertFalse(Files.exists(out.resolve("wikisql")), "nothing unpacked");
        assertFalse(Files.exists(out.resolve(".downloads/data.tar.bz2.part")), "the bad file is deleted");
        assertFalse(Files.exists(out.resolve(".downloads/data.tar.bz2")));
    }

    @Test void trustOnFirstUseRecordsThenEnforces(@TempDir Path out) throws Exception {
        byte[] archive = tarBz2(TestData.resource("wikisql-mini"));
        files.put("data.tar.bz2", archive);
        var src = new DownloadSource("wikisql", "data.tar.bz2", "https://example.invalid/x", null, Unpack.TAR_BZ2);
        Path dir = new Downloader(out, base(), log).withoutProgressBar().download(src);
        assertTrue(logBytes.toString().contains("TRUST ON FIRST USE"), logBytes.toString());
        String recorded = Files.readString(out.resolve(".downloads/checksums.json"));
        assertTrue(recorded.contains(Downloader.sha256Of(archive)));
        // the unpacked data is the dataset: the loader reads it
        LoadedSplit dev = new WikiSqlLoader(dir).load("dev");
        assertEquals(6, dev.examples().size());
        // a later download of different bytes is refused against the record
        Files.delete(out.resolve(".downloads/data.tar.bz2.unpacked"));
        files.put("data.tar.bz2", tarBz2(TestData.resource("gretel-mini")));
        var e = assertThrows(ChecksumMismatchException.class, () -> new Downloader(out, base(), log).withoutProgressBar().download(src));
        assertTrue(e.getMessage().contains("recorded on first download"), e.getMessage());
    }

    @Test void baseUrlComesFromTheSystemPropertyToo() {
        var src = DownloadCatalog.of("wikisql").getFirst();
        assertEquals("http://mirror/data.tar.bz2", src.urlWith("http://mirror/"));
        assertEquals(src.url(), src.urlWith(null));
        assertThrows(IllegalArgumentException.class, () -> DownloadCatalog.of("imagenet"));
        assertTrue(DownloadCatalog.ALL.stream().allMatch(s -> s.url().startsWith("https://")));
    }

    @Test void zipEntriesOutsideTheTargetAreRefused(@TempDir Path out) throws Exception {
        Path z = out.resolve("evil.zip");
        Files.write(z, zip(Map.of("../../escape.txt", "x".getBytes())));
        var e = assertThrows(IOException.class, () -> Archives.unzip(z, out.resolve("t")));
        assertTrue(e.getMessage().contains("outside"));
    }

    /** The files of a folder as a data.tar.bz2 with a data/ prefix, like WikiSQL's. */
    private static byte[] tarBz2(Path folder) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(new BZip2CompressorOutputStream(b));
             var walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                String rel = folder.relativize(p).toString().replace('\\', '/');
                if (rel.startsWith("data/")) rel = rel.substring(5);
                TarArchiveEntry e = new TarArchiveEntry("data/" + rel);
                byte[] content = Files.readAllBytes(p);
                e.setSize(content.length);
                t.putArchiveEntry(e);
                t.write(content);
                t.closeArchiveEntry();
            }
        }
        return b.toByteArray();
    }
}
