package dev.vantage.engine;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One product of the packed GEMM as a Flight Recorder event: its shape and operand layout. Off unless
 * a recording enables it by {@link #NAME} (the benchmarks do, see engine.bench.GemmFloor), so the
 * kernel keeps no counters of its own and pays, when nobody records, for one check of a flag.
 */
@Name(GemmEvent.NAME)
@Label("Matrix product")
@Category("Vantage")
@Description("C[m,n] (+)= A[m,k] B[k,n] issued to MatMul's packed GEMM")
@Enabled(false)
@StackTrace(false)
public final class GemmEvent extends Event {
    public static final String NAME = "dev.vantage.Gemm";

    @Label("m") int m;
    @Label("n") int n;
    @Label("k") int k;
    @Label("A transposed") boolean aTransposed;
    @Label("B transposed") boolean bTransposed;

    static void emit(int m, int n, int k, boolean aTransposed, boolean bTransposed) {
        GemmEvent e = new GemmEvent();
        if (!e.isEnabled()) return;
        e.m = m;
        e.n = n;
        e.k = k;
        e.aTransposed = aTransposed;
        e.bTransposed = bTransposed;
        e.commit();
    }
}
