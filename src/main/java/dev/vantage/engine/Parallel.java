package dev.vantage.engine;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * Splits index ranges over the cores, sized to the machine (or {@code -Dvantage.threads=N}). Work goes
 * to a {@link SpinTeam} whose workers spin {@code -Dvantage.spinMicros} (default 100, 0 turns the team
 * off) between jobs, or to a shared pool when another thread holds the team; calls nested inside
 * either run inline, and one-chunk ranges pay no hand-off at all.
 */
public final class Parallel {
    public static final int THREADS = Integer.getInteger("vantage.threads", Runtime.getRuntime().availableProcessors());
    private static final ForkJoinPool POOL = new ForkJoinPool(THREADS);
    private static final long SPIN_MICROS = Long.getLong("vantage.spinMicros", 100);
    private static final SpinTeam TEAM = THREADS > 1 && SPIN_MICROS > 0 ? new SpinTeam(THREADS - 1, SPIN_MICROS * 1000) : null;

    private Parallel() {}

    @FunctionalInterface public interface RangeBody { void run(int start, int end); }
    @FunctionalInterface public interface ChunkBody { void run(int chunk, int start, int end); }

    /** Runs body over [0, n) in contiguous pieces, one per thread at most. */
    public static void forRange(int n, RangeBody body) {
        forChunks(n, Math.min(THREADS, n), (c, s, e) -> body.run(s, e));
    }

    /** Runs body as one task of the pool, so every kernel it calls stays on that one thread. */
    public static void onOneThread(Runnable body) {
        POOL.invoke(new RecursiveAction() {
            @Override protected void compute() { body.run(); }
        });
    }

    /** Runs body over [0, n) in chunks equal pieces; chunk index passed so callers can use per-chunk scratch. */
    public static void forChunks(int n, int chunks, ChunkBody body) {
        if (n <= 0) return;
        chunks = Math.max(1, Math.min(chunks, n));
        if (chunks == 1 || THREADS == 1 || java.util.concurrent.ForkJoinTask.getPool() == POOL || (TEAM != null && TEAM.inside())) {
            for (int c = 0; c < chunks; c++) body.run(c, (int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks));
            return;
        }
        if (TEAM != null && TEAM.tryRun(n, chunks, body)) return;
        final int k = chunks;
        RecursiveAction[] tasks = new RecursiveAction[k];
        for (int c = 0; c < k; c++) {
            final int cc = c, s = (int) ((long) n * c / k), e = (int) ((long) n * (c + 1) / k);
            tasks[c] = new RecursiveAction() { @Override protected void compute() { body.run(cc, s, e); } };
        }
        POOL.invoke(new RecursiveAction() {
            @Override protected void compute() { invokeAll(tasks); }
        });
    }
}
