package dev.vantage.data.download;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Unpacks zip (JDK) and tar.bz2 (commons-compress) archives, refusing entries that would land
 * outside the target folder and skipping macOS resource forks. Zips found inside (BIRD ships its
 * databases as a zip within the zip) are unpacked where they lie and then removed.
 */
final class Archives {
    private Archives() {}

    static void unzip(Path zip, Path into) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new BufferedInputStream(Files.newInputStream(zip), 1 << 16))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                write(in, e.getName(), e.isDirectory(), into, zip);
            }
        }
    }

    static void untarBz2(Path archive, Path into) throws IOException {
        try (TarArchiveInputStream in = new TarArchiveInputStream(new BZip2CompressorInputStream(
                new BufferedInputStream(Files.newInputStream(archive), 1 << 16)))) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                if (!e.isFile() && !e.isDirectory()) continue; // links and devices are not data
                write(in, e.getName(), e.isDirectory(), into, archive);
            }
        }
    }

    private static void write(InputStream in, String name, boolean directory, Path into, Path archive) throws IOException {
        if (name.startsWith("__MACOSX/") || name.contains("/._") || name.startsWith("._")) return;
        Path target = into.resolve(name).normalize();
        if (!target.startsWith(into.normalize())) throw new IOException(archive + ": entry '" + name + "' points outside the target folder");
        if (directory) {
            Files.createDirectories(target);
            return;
        }
        Files.createDirectories(target.getParent());
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Unpacks every .zip under the folder (one level of nesting is what BIRD has) and deletes it. */
    static List<Path> unzipNested(Path dir) throws IOException {
        List<Path> zips;
        try (Stream<Path> s = Files.walk(dir)) {
            zips = s.filter(p -> p.getFileName().toString().endsWith(".zip") && Files.isRegularFile(p)).toList();
        }
        List<Path> done = new ArrayList<>();
        for (Path z : zips) {
            unzip(z, z.getParent());
            Files.delete(z);
            done.add(z);
        }
        return done;
    }
}
