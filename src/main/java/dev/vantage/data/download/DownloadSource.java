package dev.vantage.data.download;

/**
 * One file to fetch for a dataset.
 *
 * @param dataset  "spider", "bird", "wikisql", "gretel": also the folder it lands in
 * @param fileName the name it is saved under (and appended to an overriding base URL)
 * @param url      the official location
 * @param sha256   the expected SHA-256 (hex), or null where no official checksum is published:
 *                 then the first download's checksum is recorded and later ones must match it
 * @param unpack   what to do with the file once verified
 */
public record DownloadSource(String dataset, String fileName, String url, String sha256, Unpack unpack) {
    public enum Unpack { ZIP, TAR_BZ2, NONE }

    public DownloadSource {
        if (fileName.contains("/") || fileName.contains("\\") || fileName.startsWith(".")) {
            throw new IllegalArgumentException("file name must be a plain name: " + fileName);
        }
    }

    /** The URL to fetch: the official one, or {@code base/fileName} when a base is given (tests, mirrors). */
    public String urlWith(String baseUrlOrNull) {
        if (baseUrlOrNull == null || baseUrlOrNull.isBlank()) return url;
        return baseUrlOrNull.endsWith("/") ? baseUrlOrNull + fileName : baseUrlOrNull + "/" + fileName;
    }
}
