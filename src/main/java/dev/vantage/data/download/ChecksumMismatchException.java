package dev.vantage.data.download;

import java.io.IOException;

/** A downloaded file whose SHA-256 is not the expected one; it has been deleted, nothing was unpacked. */
public final class ChecksumMismatchException extends IOException {
    public ChecksumMismatchException(String file, String expected, String actual, String whereExpectedFrom) {
        super(file + ": SHA-256 " + actual + " does not match the expected " + expected + " (" + whereExpectedFrom
                + "); the file was deleted and not unpacked");
    }
}
