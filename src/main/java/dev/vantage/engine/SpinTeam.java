package dev.vantage.engine;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Worker threads that spin between jobs, so that the hundreds of small products of one decode step
 * are handed to a thread that is already running rather than to a parked pool worker that must be woken
 * (the step-time gain is measured in docs/MODEL.md).
 * The caller claims chunks too. A worker parks after {@code spinNanos} without work, so an idle
 * process costs nothing. One job at a time: {@link #tryRun} returns false when the team is busy.
 *
 * <p>The job is published through one atomic ticket: epoch (high 32 bits), chunk count (16 bits)
 * and next unclaimed chunk (low 16 bits). A chunk is claimed by a compare-and-set on the ticket, so a
 * worker that read the job's fields late can only claim a chunk of the job those fields belong to.
 */
final class SpinTeam {
    static final int MAX_CHUNKS = 0xFFFF;

    private final long spinNanos;
    private final Worker[] workers;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicLong ticket = new AtomicLong();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Thread owner;
    // the job: written by the owner before the ticket publishes it, read by workers after they read the ticket
    private Parallel.ChunkBody body;
    private int n;
    private volatile Throwable failure;

    SpinTeam(int workerCount, long spinNanos) {
        this.spinNanos = spinNanos;
        workers = new Worker[workerCount];
        for (int i = 0; i < workerCount; i++) {
            workers[i] = new Worker(i);
            workers[i].start();
        }
    }

    /** True when the current thread is inside a job of this team (as its owner or a worker). */
    boolean inside() {
        Thread t = Thread.currentThread();
        return t == owner || (t instanceof Worker w && w.team() == this);
    }

    /** Runs body over [0, n) in chunks pieces with the team, or returns false at once when it is busy. */
    boolean tryRun(int n, int chunks, Parallel.ChunkBody body) {
        if (chunks > MAX_CHUNKS || !busy.compareAndSet(false, true)) return false;
        try {
            owner = Thread.currentThread();
            this.body = body;
            this.n = n;
            failure = null;
            pending.set(chunks);
            long epoch = (ticket.get() >>> 32) + 1;
            ticket.set(epoch << 32 | (long) chunks << 16);
            for (Worker w : workers) if (w.sleeping) LockSupport.unpark(w);
            claimAll(epoch);
            for (long spins = 0; pending.get() > 0; spins++) {
                if (spins < 100_000) Thread.onSpinWait();
                else Thread.yield();   // a worker lost its core mid-chunk: let it have ours
            }
            this.body = null;
            Throwable f = failure;
            if (f instanceof RuntimeException re) throw re;
            if (f instanceof Error er) throw er;
            if (f != null) throw new IllegalStateException(f);
            return true;
        } finally {
            owner = null;
            busy.set(false);
        }
    }

    /** Claims and runs chunks of job {@code epoch} until none is left; false when the ticket had moved on. */
    private boolean claimAll(long epoch) {
        while (true) {
            long t = ticket.get();
            if (t >>> 32 != epoch) return false;
            int chunks = (int) (t >>> 16) & MAX_CHUNKS, c = (int) t & MAX_CHUNKS;
            if (c >= chunks) return true;
            Parallel.ChunkBody b = body;
            int size = n;
            if (!ticket.compareAndSet(t, t + 1)) continue;
            try {
                b.run(c, (int) ((long) size * c / chunks), (int) ((long) size * (c + 1) / chunks));
            } catch (Throwable e) {
                failure = e;
            } finally {
                pending.decrementAndGet();
            }
        }
    }

    private final class Worker extends Thread {
        volatile boolean sleeping;

        Worker(int index) {
            super("vantage-spin-" + index);
            setDaemon(true);
        }

        SpinTeam team() { return SpinTeam.this; }

        @Override public void run() {
            long seen = 0;
            while (true) {
                long epoch = awaitNewEpoch(seen);
                claimAll(epoch);
                seen = epoch;
            }
        }

        private long awaitNewEpoch(long seen) {
            long start = System.nanoTime();
            while (true) {
                long epoch = ticket.get() >>> 32;
                if (epoch != seen) return epoch;
                if (System.nanoTime() - start < spinNanos) {
                    Thread.onSpinWait();
                    continue;
                }
                // the owner writes the ticket, then reads sleeping; we write sleeping, then read the ticket:
                // one of the two sees the other's write, so an unpark is never lost
                sleeping = true;
                if (ticket.get() >>> 32 == seen) LockSupport.park(this);
                sleeping = false;
                start = System.nanoTime();
            }
        }
    }
}
