package dev.vantage.evaluation.execution;

import org.sqlite.ProgressHandler;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A bound on the disk SQLite uses for temporary data (sorts, recursive-CTE queues, DISTINCT and GROUP BY
 * tables): a progress handler, called by SQLite every {@link #VM_STEPS} virtual-machine steps of a
 * running statement, interrupts it once the temporary files of this process pass the budget.
 *
 * <p>Why not SQLite's own knobs: the driver's SQLite is built with {@code SQLITE_DEFAULT_MEMSTATUS=0},
 * under which {@code hard_heap_limit} is accepted but not enforced, so {@code temp_store=MEMORY} would
 * let one {@code ORDER BY random()} take all the RAM (measured: 20 GB within minutes); {@code
 * max_page_count} does not reach the sorter's files. So temporary data stays in files, whose size this
 * class measures. SQLite unlinks them at creation; on Linux they remain visible as
 * {@code /proc/self/fd/N -> .../etilqs_... (deleted)}, whose size is read through the descriptor.
 * Elsewhere no such listing exists and the budget is not enforced (the timeout still is).
 */
final class SqliteTempBudget {
    /** Steps between two calls of the handler: a few milliseconds of work. */
    static final int VM_STEPS = 200_000;
    /** Minimum time between two scans of the descriptor table, shared by all connections. */
    private static final long SCAN_INTERVAL_NANOS = 20_000_000L;
    private static final Path FD_DIR = Path.of("/proc/self/fd");
    private static final boolean AVAILABLE = Files.isDirectory(FD_DIR);

    private static final Object LOCK = new Object();
    private static long lastScan = System.nanoTime() - SCAN_INTERVAL_NANOS;
    private static long lastBytes;

    private SqliteTempBudget() {
    }

    /** Installs the handler: statements on {@code connection} stop once temp files pass {@code maxBytes}. */
    static void install(Connection connection, long maxBytes) throws SQLException {
        if (!AVAILABLE) {
            return;
        }
        ProgressHandler.setHandler(connection, VM_STEPS, new ProgressHandler() {
            @Override
            protected int progress() {
                return currentBytes() > maxBytes ? 1 : 0; // non-zero: SQLite interrupts the statement
            }
        });
    }

    /** Bytes in SQLite temporary files of this process, rescanned at most every 20 ms. */
    static long currentBytes() {
        synchronized (LOCK) {
            long now = System.nanoTime();
            if (now - lastScan >= SCAN_INTERVAL_NANOS) {
                lastBytes = scan();
                lastScan = System.nanoTime();
            }
            return lastBytes;
        }
    }

    private static long scan() {
        long total = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(FD_DIR)) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.contains("etilqs_")) {
                        total += Files.size(fd);
                    }
                } catch (IOException | UnsupportedOperationException ignored) {
                    // Closed between listing and reading: nothing to count.
                }
            }
        } catch (IOException ignored) {
            return 0;
        }
        return total;
    }
}
