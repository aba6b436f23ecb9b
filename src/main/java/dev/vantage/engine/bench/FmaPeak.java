package dev.vantage.engine.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.util.concurrent.atomic.DoubleAdder;

/**
 * The machine's fp32 roofline as the Vector API sees it: independent FMAs on registers, one loop per
 * thread, no memory traffic. No matrix kernel can beat it, so benchmarks report their figures as a
 * share of it; it also shows when a CPU runs 512-bit FMAs at half rate.
 */
public final class FmaPeak {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private FmaPeak() {}

    /** Printed when a throughput beats the peak, which only happens if the peak was measured under load. */
    public static final String BUSY = "note: a figure above exceeds the measured peak, so the machine was busy while it was measured; rerun on an idle machine";

    /** GFLOPS of {@code threads} threads each running the FMA loop at once, best of a few rounds. */
    public static double measure(int threads) {
        double best = 0;
        for (int round = 0; round < 4; round++) {
            DoubleAdder flops = new DoubleAdder();
            Thread[] ts = new Thread[threads];
            long[] nanos = new long[threads];
            for (int t = 0; t < threads; t++) {
                int id = t;
                ts[t] = new Thread(() -> {
                    long t0 = System.nanoTime();
                    flops.add(loop(20_000_000));
                    nanos[id] = System.nanoTime() - t0;
                });
            }
            for (Thread t : ts) t.start();
            try {
                for (Thread t : ts) t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return best;
            }
            long slowest = 0;
            for (long n : nanos) slowest = Math.max(slowest, n);
            best = Math.max(best, flops.sum() / slowest);
        }
        return best;
    }

    /** 12 independent accumulators cover the FMA latency times the ports; returns the flops issued. */
    private static double loop(int iters) {
        FloatVector a = FloatVector.broadcast(S, 0.999999f), b = FloatVector.broadcast(S, 1e-7f);
        FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0;
        FloatVector c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (int i = 0; i < iters; i++) {
            c0 = c0.fma(a, b); c1 = c1.fma(a, b); c2 = c2.fma(a, b); c3 = c3.fma(a, b);
            c4 = c4.fma(a, b); c5 = c5.fma(a, b); c6 = c6.fma(a, b); c7 = c7.fma(a, b);
            c8 = c8.fma(a, b); c9 = c9.fma(a, b); c10 = c10.fma(a, b); c11 = c11.fma(a, b);
        }
        float sink = c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(VectorOperators.ADD);
        if (sink == 42f) System.out.print("");   // keeps the loop alive
        return 2.0 * 12 * S.length() * (double) iters;
    }
}
