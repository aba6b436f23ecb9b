package dev.vantage.engine;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Single-precision GEMM, C[M,N] (+)= A[M,K] B[K,N], with both operands addressed by strides so that
 * one kernel serves {@code x W^T} (forward) and the two products backward needs.
 *
 * <p>GotoBLAS/BLIS structure: B is packed per thread into KC x NR column panels and an MR x NR
 * register-blocked micro-kernel (8 x 2 vectors: 16 accumulators) runs over them. A row-major A is
 * read in place ({@code kernelDirect}); other layouts are packed into MR x KC row panels first.
 * Threads split the larger output dimension; each thread owns its packing buffers, so the hot loops
 * allocate nothing. KC, MC and NC can be overridden with -Dvantage.gemm.kc/mc/nc for tuning; they
 * made no measurable difference on bench-tiny between 128 and 1024.
 */
public final class MatMul {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final int MR = 8;
    private static final VectorSpecies<Float> S8 = FloatVector.SPECIES_256;
    static final int NR = 2 * L;
    static final int KC = Integer.getInteger("vantage.gemm.kc", 256);
    static final int MC = Integer.getInteger("vantage.gemm.mc", 128);
    static final int NC = Integer.getInteger("vantage.gemm.nc", 256);
    private static final ValueLayout.OfShort BF16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private MatMul() {}

    /** Per-thread packing buffers. */
    private static final class Scratch {
        float[] a = new float[MC * KC];
        float[] b = new float[0];
        final float[] tile = new float[MR * NR];
        float[] col = new float[KC];
        float[] bBuf(int n) { if (b.length < n) b = new float[n]; return b; }
    }
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** y[M,N] (+)= x[M,K] W[N,K]^T : a linear layer's forward. */
    public static void xWt(float[] x, int xOff, float[] w, int wOff, float[] y, int yOff, int M, int N, int K, boolean acc) {
        if (N < NR / 2) xWtNarrow(x, xOff, w, wOff, y, yOff, M, N, K, acc);
        else gemm(M, N, K, x, xOff, K, 1, Operand.of(w, wOff, 1, K), y, yOff, N, acc);
    }

    /** Few outputs (a router's 8 experts): dot products beat a kernel padding N up to 32 columns. */
    private static void xWtNarrow(float[] x, int xOff, float[] w, int wOff, float[] y, int yOff, int M, int N, int K, boolean acc) {
        GemmEvent.emit(M, N, K, false, true);
        Parallel.forRange(M, (s, e) -> {
            for (int i = s; i < e; i++)
                for (int j = 0; j < N; j++) {
                    float v = dot(x, xOff + i * K, w, wOff + j * K, K);
                    y[yOff + i * N + j] = acc ? y[yOff + i * N + j] + v : v;
                }
        });
    }

    /** dx[M,K] (+)= dy[M,N] W[N,K] : a linear layer's input gradient. */
    public static void xW(float[] dy, int dyOff, float[] w, int wOff, float[] dx, int dxOff, int M, int N, int K, boolean acc) {
        gemm(M, K, N, dy, dyOff, N, 1, Operand.of(w, wOff, K, 1), dx, dxOff, K, acc);
    }

    /** dW[N,K] (+)= dy[M,N]^T x[M,K] : a linear layer's weight gradient. */
    public static void xtY(float[] dy, int dyOff, float[] x, int xOff, float[] dw, int dwOff, int M, int N, int K, boolean acc) {
        gemm(N, K, M, dy, dyOff, 1, N, Operand.of(x, xOff, K, 1), dw, dwOff, K, acc);
    }

    /** y[M,N] (+)= x[M,K] W[N,K]^T with W stored as little-endian bf16 at element offset wOff of a segment. */
    public static void xWtBf16(float[] x, int xOff, MemorySegment w, long wOff, float[] y, int yOff, int M, int N, int K, boolean acc) {
        gemm(M, N, K, x, xOff, K, 1, Operand.bf16(w, wOff, 1, K), y, yOff, N, acc);
    }

    /** The B operand: element (k, n) lives at off + k*ks + n*ns, in a float array or a bf16 segment. */
    record Operand(float[] f, MemorySegment seg, long off, long ks, long ns) {
        static Operand of(float[] f, int off, int ks, int ns) { return new Operand(f, null, off, ks, ns); }
        static Operand bf16(MemorySegment s, long off, long ks, long ns) { return new Operand(null, s, off, ks, ns); }
    }

    /** C[M,N] (+)= A B with A(i,k) = a[aOff + i*ars + k*acs]. */
    static void gemm(int M, int N, int K, float[] a, int aOff, int ars, int acs, Operand b,
                     float[] c, int cOff, int ldc, boolean acc) {
        if (M == 0 || N == 0) return;
        if (K == 0) {
            if (!acc) for (int i = 0; i < M; i++) java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + N, 0f);
            return;
        }
        long flops = 2L * M * N * K;
        GemmEvent.emit(M, N, K, acs != 1, b.ns != 1);   // what benchmarks record (Flight Recorder); no counter here
        int nPanels = (N + NR - 1) / NR, mPanels = (M + MR - 1) / MR;
        int threads = flops < (1 << 18) ? 1 : Parallel.THREADS;
        // Split the larger side: the other operand is packed by every thread, so keep that one small.
        if (N > M || mPanels < threads) {
            int chunks = Math.min(threads, nPanels);
            Parallel.forChunks(nPanels, chunks, (t, p0, p1) ->
                    block(0, M, p0 * NR, Math.min(N, p1 * NR), K, a, aOff, ars, acs, b, c, cOff, ldc, acc));
        } else {
            int chunks = Math.min(threads, mPanels);
            Parallel.forChunks(mPanels, chunks, (t, p0, p1) ->
                    block(p0 * MR, Math.min(M, p1 * MR), 0, N, K, a, aOff, ars, acs, b, c, cOff, ldc, acc));
        }
    }

    private static void block(int m0, int m1, int n0, int n1, int K, float[] a, int aOff, int ars, int acs,
                              Operand b, float[] c, int cOff, int ldc, boolean acc) {
        for (int nc0 = n0; nc0 < n1; nc0 += NC) blockNc(m0, m1, nc0, Math.min(n1, nc0 + NC), K, a, aOff, ars, acs, b, c, cOff, ldc, acc);
    }

    /** One NC-wide column block: its packed B (KC x NC, 256 KB) stays in L2 while A streams past. */
    private static void blockNc(int m0, int m1, int n0, int n1, int K, float[] a, int aOff, int ars, int acs,
                                Operand b, float[] c, int cOff, int ldc, boolean acc) {
        Scratch s = SCRATCH.get();
        int nw = n1 - n0, np = (nw + NR - 1) / NR;
        float[] bp = s.bBuf(np * NR * KC);
        float[] ap = s.a;
        for (int k0 = 0; k0 < K; k0 += KC) {
            int kc = Math.min(KC, K - k0);
            boolean store = !acc && k0 == 0;   // the first k-block writes C: no zero fill, no read of C
            packB(b, k0, kc, n0, nw, bp);
            for (int i0 = m0; i0 < m1; i0 += MC) {
                int mc = Math.min(MC, m1 - i0);
                // Row-major A is read in place by the direct kernel; only a partial last panel (and
                // any other layout) is packed.
                boolean direct = acs == 1;
                int fullPanels = direct ? mc / MR : 0;
                if (!direct) packA(a, aOff, ars, acs, i0, mc, k0, kc, ap);
                else if (fullPanels * MR < mc) packA(a, aOff, ars, acs, i0 + fullPanels * MR, mc - fullPanels * MR, k0, kc, ap);
                for (int jp = 0; jp < np; jp++) {
                    int j = n0 + jp * NR, nr = Math.min(NR, n1 - j);
                    for (int ip = 0; ip * MR < mc; ip++) {
                        int i = i0 + ip * MR, mr = Math.min(MR, i0 + mc - i);
                        int bo = jp * NR * kc;
                        // Edge tiles go through a scratch tile; one call site per kernel keeps C2 from
                        // compiling (and mis-optimizing) a second inlined copy.
                        boolean full = mr == MR && nr == NR;
                        float[] t = s.tile;
                        float[] dst = full ? c : t;
                        int dOff = full ? cOff + i * ldc + j : 0, dld = full ? ldc : NR;
                        if (direct && ip < fullPanels)
                            kernelDirect(a, aOff + i * ars + k0, ars, bp, bo, kc, dst, dOff, dld, store || !full);
                        else
                            kernel(ap, (direct ? ip - fullPanels : ip) * MR * kc, bp, bo, kc, dst, dOff, dld, store || !full);
                        if (!full)
                            for (int r = 0; r < mr; r++) {
                                int o = cOff + (i + r) * ldc + j;
                                if (store) System.arraycopy(t, r * NR, c, o, nr);
                                else for (int q = 0; q < nr; q++) c[o + q] += t[r * NR + q];
                            }
                    }
                }
            }
        }
    }

    /** Packs A rows [i0, i0+mc) x cols [k0, k0+kc) into MR-row panels laid out [k][MR], zero-padded. */
    private static void packA(float[] a, int aOff, int ars, int acs, int i0, int mc, int k0, int kc, float[] ap) {
        for (int ip = 0; ip * MR < mc; ip++) {
            int base = ip * MR * kc;
            if (ars == 1 && (ip + 1) * MR <= mc) {
                // Transposed A (dy^T in weight gradients): a panel's MR values per k are contiguous.
                int src = aOff + i0 + ip * MR + k0 * acs;
                for (int k = 0; k < kc; k++)
                    FloatVector.fromArray(S8, a, src + k * acs).intoArray(ap, base + k * MR);
                continue;
            }
            if (acs == 1 && (ip + 1) * MR <= mc) {
                // Row-major A: walk k outermost so the panel is written sequentially.
                int s0 = aOff + (i0 + ip * MR) * ars + k0;
                for (int k = 0; k < kc; k++) {
                    int o = base + k * MR, sk = s0 + k;
                    ap[o] = a[sk];
                    ap[o + 1] = a[sk + ars];
                    ap[o + 2] = a[sk + 2 * ars];
                    ap[o + 3] = a[sk + 3 * ars];
                    ap[o + 4] = a[sk + 4 * ars];
                    ap[o + 5] = a[sk + 5 * ars];
                    ap[o + 6] = a[sk + 6 * ars];
                    ap[o + 7] = a[sk + 7 * ars];
                }
                continue;
            }
            for (int r = 0; r < MR; r++) {
                int i = ip * MR + r;
                if (i < mc) {
                    int src = aOff + (i0 + i) * ars + k0 * acs;
                    for (int k = 0; k < kc; k++) ap[base + k * MR + r] = a[src + k * acs];
                } else {
                    for (int k = 0; k < kc; k++) ap[base + k * MR + r] = 0f;
                }
            }
        }
    }

    /** Packs B rows [k0, k0+kc) x cols [n0, n0+nw) into NR-column panels laid out [k][NR], zero-padded. */
    private static void packB(Operand b, int k0, int kc, int n0, int nw, float[] bp) {
        int np = (nw + NR - 1) / NR;
        for (int jp = 0; jp < np; jp++) {
            int base = jp * NR * kc, nr = Math.min(NR, nw - jp * NR);
            long col0 = n0 + (long) jp * NR;
            if (b.f != null) {
                float[] f = b.f;
                if (b.ns == 1 && nr == NR) {
                    for (int k = 0; k < kc; k++) {
                        int src = (int) (b.off + (k0 + k) * b.ks + col0);
                        FloatVector.fromArray(S, f, src).intoArray(bp, base + k * NR);
                        FloatVector.fromArray(S, f, src + L).intoArray(bp, base + k * NR + L);
                    }
                } else {
                    for (int q = 0; q < NR; q++) {
                        if (q < nr) {
                            int src = (int) (b.off + k0 * b.ks + (col0 + q) * b.ns);
                            int ks = (int) b.ks;
                            for (int k = 0; k < kc; k++) bp[base + k * NR + q] = f[src + k * ks];
                        } else {
                            for (int k = 0; k < kc; k++) bp[base + k * NR + q] = 0f;
                        }
                    }
                }
            } else if (b.ks == 1) {
                // Each column is a contiguous bf16 run (x W^T): widen it with the vectorized converter.
                float[] col = packScratch(kc);
                for (int q = 0; q < NR; q++) {
                    if (q < nr) {
                        Bf16.toFloats(b.seg, 2 * (b.off + k0 + (col0 + q) * b.ns), col, 0, kc);
                        for (int k = 0; k < kc; k++) bp[base + k * NR + q] = col[k];
                    } else {
                        for (int k = 0; k < kc; k++) bp[base + k * NR + q] = 0f;
                    }
                }
            } else {
                MemorySegment seg = b.seg;
                for (int q = 0; q < NR; q++) {
                    if (q < nr) {
                        long src = b.off + k0 * b.ks + (col0 + q) * b.ns;
                        for (int k = 0; k < kc; k++) {
                            short h = seg.getAtIndex(BF16, src + k * b.ks);
                            bp[base + k * NR + q] = Float.intBitsToFloat(h << 16);
                        }
                    } else {
                        for (int k = 0; k < kc; k++) bp[base + k * NR + q] = 0f;
                    }
                }
            }
        }
    }

    private static float[] packScratch(int n) {
        Scratch s = SCRATCH.get();
        if (s.col.length < n) s.col = new float[n];
        return s.col;
    }

    /** C[8, 2L] (+)= Apanel[kc][8] Bpanel[kc][2L] (store: overwrite C); the 16 accumulators stay in registers. */
    private static void kernel(float[] ap, int ao, float[] bp, int bo, int kc, float[] c, int co, int ldc, boolean store) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S), c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S), c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S), c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        for (int k = 0; k < kc; k++) {
            int b = bo + k * NR, a = ao + k * MR;
            FloatVector b0 = FloatVector.fromArray(S, bp, b), b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector x0 = FloatVector.broadcast(S, ap[a]);     c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01);
            FloatVector x1 = FloatVector.broadcast(S, ap[a + 1]); c10 = x1.fma(b0, c10); c11 = x1.fma(b1, c11);
            FloatVector x2 = FloatVector.broadcast(S, ap[a + 2]); c20 = x2.fma(b0, c20); c21 = x2.fma(b1, c21);
            FloatVector x3 = FloatVector.broadcast(S, ap[a + 3]); c30 = x3.fma(b0, c30); c31 = x3.fma(b1, c31);
            FloatVector x4 = FloatVector.broadcast(S, ap[a + 4]); c40 = x4.fma(b0, c40); c41 = x4.fma(b1, c41);
            FloatVector x5 = FloatVector.broadcast(S, ap[a + 5]); c50 = x5.fma(b0, c50); c51 = x5.fma(b1, c51);
            FloatVector x6 = FloatVector.broadcast(S, ap[a + 6]); c60 = x6.fma(b0, c60); c61 = x6.fma(b1, c61);
            FloatVector x7 = FloatVector.broadcast(S, ap[a + 7]); c70 = x7.fma(b0, c70); c71 = x7.fma(b1, c71);
        }
        // Stores written out: passing the accumulators to a helper boxed them and cost 5x.
        (store ? c00 : FloatVector.fromArray(S, c, co + 0 * ldc + 0 * L).add(c00)).intoArray(c, co + 0 * ldc + 0 * L);
        (store ? c01 : FloatVector.fromArray(S, c, co + 0 * ldc + 1 * L).add(c01)).intoArray(c, co + 0 * ldc + 1 * L);
        (store ? c10 : FloatVector.fromArray(S, c, co + 1 * ldc + 0 * L).add(c10)).intoArray(c, co + 1 * ldc + 0 * L);
        (store ? c11 : FloatVector.fromArray(S, c, co + 1 * ldc + 1 * L).add(c11)).intoArray(c, co + 1 * ldc + 1 * L);
        (store ? c20 : FloatVector.fromArray(S, c, co + 2 * ldc + 0 * L).add(c20)).intoArray(c, co + 2 * ldc + 0 * L);
        (store ? c21 : FloatVector.fromArray(S, c, co + 2 * ldc + 1 * L).add(c21)).intoArray(c, co + 2 * ldc + 1 * L);
        (store ? c30 : FloatVector.fromArray(S, c, co + 3 * ldc + 0 * L).add(c30)).intoArray(c, co + 3 * ldc + 0 * L);
        (store ? c31 : FloatVector.fromArray(S, c, co + 3 * ldc + 1 * L).add(c31)).intoArray(c, co + 3 * ldc + 1 * L);
        (store ? c40 : FloatVector.fromArray(S, c, co + 4 * ldc + 0 * L).add(c40)).intoArray(c, co + 4 * ldc + 0 * L);
        (store ? c41 : FloatVector.fromArray(S, c, co + 4 * ldc + 1 * L).add(c41)).intoArray(c, co + 4 * ldc + 1 * L);
        (store ? c50 : FloatVector.fromArray(S, c, co + 5 * ldc + 0 * L).add(c50)).intoArray(c, co + 5 * ldc + 0 * L);
        (store ? c51 : FloatVector.fromArray(S, c, co + 5 * ldc + 1 * L).add(c51)).intoArray(c, co + 5 * ldc + 1 * L);
        (store ? c60 : FloatVector.fromArray(S, c, co + 6 * ldc + 0 * L).add(c60)).intoArray(c, co + 6 * ldc + 0 * L);
        (store ? c61 : FloatVector.fromArray(S, c, co + 6 * ldc + 1 * L).add(c61)).intoArray(c, co + 6 * ldc + 1 * L);
        (store ? c70 : FloatVector.fromArray(S, c, co + 7 * ldc + 0 * L).add(c70)).intoArray(c, co + 7 * ldc + 0 * L);
        (store ? c71 : FloatVector.fromArray(S, c, co + 7 * ldc + 1 * L).add(c71)).intoArray(c, co + 7 * ldc + 1 * L);
    }

    /**
     * As {@link #kernel}, with the 8 rows of A read in place (row r at a0 + r * lda, k contiguous).
     * A copy rather than a shared helper: the accumulators must live in one method for C2 to keep
     * them in registers.
     */
    private static void kernelDirect(float[] a, int a0, int lda, float[] bp, int bo, int kc, float[] c, int co, int ldc, boolean store) {
        int r1 = a0 + lda, r2 = r1 + lda, r3 = r2 + lda, r4 = r3 + lda, r5 = r4 + lda, r6 = r5 + lda, r7 = r6 + lda;
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S), c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S), c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        FloatVector c60 = FloatVector.zero(S), c61 = FloatVector.zero(S), c70 = FloatVector.zero(S), c71 = FloatVector.zero(S);
        for (int k = 0; k < kc; k++) {
            int b = bo + k * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, b), b1 = FloatVector.fromArray(S, bp, b + L);
            FloatVector x0 = FloatVector.broadcast(S, a[a0 + k]);     c00 = x0.fma(b0, c00); c01 = x0.fma(b1, c01);
            FloatVector x1 = FloatVector.broadcast(S, a[r1 + k]); c10 = x1.fma(b0, c10); c11 = x1.fma(b1, c11);
            FloatVector x2 = FloatVector.broadcast(S, a[r2 + k]); c20 = x2.fma(b0, c20); c21 = x2.fma(b1, c21);
            FloatVector x3 = FloatVector.broadcast(S, a[r3 + k]); c30 = x3.fma(b0, c30); c31 = x3.fma(b1, c31);
            FloatVector x4 = FloatVector.broadcast(S, a[r4 + k]); c40 = x4.fma(b0, c40); c41 = x4.fma(b1, c41);
            FloatVector x5 = FloatVector.broadcast(S, a[r5 + k]); c50 = x5.fma(b0, c50); c51 = x5.fma(b1, c51);
            FloatVector x6 = FloatVector.broadcast(S, a[r6 + k]); c60 = x6.fma(b0, c60); c61 = x6.fma(b1, c61);
            FloatVector x7 = FloatVector.broadcast(S, a[r7 + k]); c70 = x7.fma(b0, c70); c71 = x7.fma(b1, c71);
        }
        (store ? c00 : FloatVector.fromArray(S, c, co + 0 * ldc + 0 * L).add(c00)).intoArray(c, co + 0 * ldc + 0 * L);
        (store ? c01 : FloatVector.fromArray(S, c, co + 0 * ldc + 1 * L).add(c01)).intoArray(c, co + 0 * ldc + 1 * L);
        (store ? c10 : FloatVector.fromArray(S, c, co + 1 * ldc + 0 * L).add(c10)).intoArray(c, co + 1 * ldc + 0 * L);
        (store ? c11 : FloatVector.fromArray(S, c, co + 1 * ldc + 1 * L).add(c11)).intoArray(c, co + 1 * ldc + 1 * L);
        (store ? c20 : FloatVector.fromArray(S, c, co + 2 * ldc + 0 * L).add(c20)).intoArray(c, co + 2 * ldc + 0 * L);
        (store ? c21 : FloatVector.fromArray(S, c, co + 2 * ldc + 1 * L).add(c21)).intoArray(c, co + 2 * ldc + 1 * L);
        (store ? c30 : FloatVector.fromArray(S, c, co + 3 * ldc + 0 * L).add(c30)).intoArray(c, co + 3 * ldc + 0 * L);
        (store ? c31 : FloatVector.fromArray(S, c, co + 3 * ldc + 1 * L).add(c31)).intoArray(c, co + 3 * ldc + 1 * L);
        (store ? c40 : FloatVector.fromArray(S, c, co + 4 * ldc + 0 * L).add(c40)).intoArray(c, co + 4 * ldc + 0 * L);
        (store ? c41 : FloatVector.fromArray(S, c, co + 4 * ldc + 1 * L).add(c41)).intoArray(c, co + 4 * ldc + 1 * L);
        (store ? c50 : FloatVector.fromArray(S, c, co + 5 * ldc + 0 * L).add(c50)).intoArray(c, co + 5 * ldc + 0 * L);
        (store ? c51 : FloatVector.fromArray(S, c, co + 5 * ldc + 1 * L).add(c51)).intoArray(c, co + 5 * ldc + 1 * L);
        (store ? c60 : FloatVector.fromArray(S, c, co + 6 * ldc + 0 * L).add(c60)).intoArray(c, co + 6 * ldc + 0 * L);
        (store ? c61 : FloatVector.fromArray(S, c, co + 6 * ldc + 1 * L).add(c61)).intoArray(c, co + 6 * ldc + 1 * L);
        (store ? c70 : FloatVector.fromArray(S, c, co + 7 * ldc + 0 * L).add(c70)).intoArray(c, co + 7 * ldc + 0 * L);
        (store ? c71 : FloatVector.fromArray(S, c, co + 7 * ldc + 1 * L).add(c71)).intoArray(c, co + 7 * ldc + 1 * L);
    }

    /** Up to this many rows, {@link #xWtFewRows} beats the packed GEMM (which pads A to 8 rows and packs all of W). */
    public static final int FEW_ROWS = 8;

    /**
     * y[M,N] (+)= x[M,K] W[N,K]^T for a few rows of x (decoding: one token, or one per beam). W is read
     * once, four rows at a time, each dotted with every row of x while it sits in L1; nothing is packed
     * and nothing allocated. Each output is the same vector dot product as {@link #dot}. Threads split
     * N when the product is large enough to pay for the hand-off.
     */
    public static void xWtFewRows(float[] x, int xOff, float[] w, int wOff, float[] y, int yOff, int M, int N, int K, boolean acc) {
        if (M == 0 || N == 0) return;
        int blocks = (N + 3) / 4;
        int chunks = (long) M * N * K < (1 << 17) ? 1 : Math.min(Parallel.THREADS, blocks);
        if (chunks == 1) { fewRows(x, xOff, w, wOff, y, yOff, M, N, K, 0, N, acc); return; }
        Parallel.forChunks(blocks, chunks, (c, b0, b1) -> fewRows(x, xOff, w, wOff, y, yOff, M, N, K, 4 * b0, Math.min(N, 4 * b1), acc));
    }

    private static final ThreadLocal<float[][]> SPLIT_X = ThreadLocal.withInitial(() -> new float[1][0]);
    private static final VectorSpecies<Integer> SI = S.withLanes(int.class);
    private static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /**
     * {@link #xWtFewRows} with W [N, K] stored as little-endian bf16 at element offset wOff of a
     * (mapped) segment. Decoding with mapped weights reads each weight once per step, as bf16, so this
     * loop is what bounds a step. It reads each row of W as ints: the low half of an int is element 2i
     * of the row (a float once shifted up 16 bits), the high half element 2i+1 (a float once the low
     * half is masked off), dotted with x split once into its even and odd elements; an odd K's last
     * element is read alone. No widening pass, no buffer.
     */
    public static void xWtFewRowsBf16(float[] x, int xOff, MemorySegment w, long wOff, float[] y, int yOff, int M, int N, int K, boolean acc) {
        if (M == 0 || N == 0) return;
        int blocks = (N + 3) / 4;
        int chunks = (long) M * N * K < (1 << 17) ? 1 : Math.min(Parallel.THREADS, blocks);
        // xs [M, K]: row i holds x's even elements, then its odd ones, then (odd K) its last one
        float[][] holder = SPLIT_X.get();
        if (holder[0].length < M * K) holder[0] = new float[M * K];
        float[] xs = holder[0];
        int h = K / 2;
        for (int i = 0; i < M; i++) {
            for (int k = 0; k < h; k++) {
                xs[i * K + k] = x[xOff + i * K + 2 * k];
                xs[i * K + h + k] = x[xOff + i * K + 2 * k + 1];
            }
            if ((K & 1) != 0) xs[i * K + K - 1] = x[xOff + i * K + K - 1];
        }
        Parallel.forChunks(blocks, chunks, (c, b0, b1) -> pairedRowsBf16(xs, w, wOff, y, yOff, M, N, K, 4 * b0, Math.min(N, 4 * b1), acc));
    }

    /** Rows j0..j1 of y = xs W^T, W read as pairs of bf16 (see {@link #xWtFewRowsBf16}); four rows of W at a time. */
    private static void pairedRowsBf16(float[] xs, MemorySegment w, long wOff, float[] y, int yOff, int M, int N, int K, int j0, int j1, boolean acc) {
        int h = K / 2, ub = SI.loopBound(h);
        long rowBytes = 2L * K;
        int j = j0;
        for (; j + 4 <= j1; j += 4) {
            long r0 = 2L * (wOff + (long) j * K), r1 = r0 + rowBytes, r2 = r1 + rowBytes, r3 = r2 + rowBytes;
            for (int i = 0; i < M; i++) {
                int xe = i * K, xo = xe + h;
                FloatVector e0 = FloatVector.zero(S), e1 = FloatVector.zero(S), e2 = FloatVector.zero(S), e3 = FloatVector.zero(S);
                FloatVector o0 = FloatVector.zero(S), o1 = FloatVector.zero(S), o2 = FloatVector.zero(S), o3 = FloatVector.zero(S);
                for (int k = 0; k < ub; k += L) {
                    FloatVector ve = FloatVector.fromArray(S, xs, xe + k), vo = FloatVector.fromArray(S, xs, xo + k);
                    long b = 4L * k;
                    IntVector p0 = IntVector.fromMemorySegment(SI, w, r0 + b, ByteOrder.LITTLE_ENDIAN);
                    IntVector p1 = IntVector.fromMemorySegment(SI, w, r1 + b, ByteOrder.LITTLE_ENDIAN);
                    IntVector p2 = IntVector.fromMemorySegment(SI, w, r2 + b, ByteOrder.LITTLE_ENDIAN);
                    IntVector p3 = IntVector.fromMemorySegment(SI, w, r3 + b, ByteOrder.LITTLE_ENDIAN);
                    e0 = p0.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().fma(ve, e0);
                    o0 = p0.and(0xFFFF0000).reinterpretAsFloats().fma(vo, o0);
                    e1 = p1.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().fma(ve, e1);
                    o1 = p1.and(0xFFFF0000).reinterpretAsFloats().fma(vo, o1);
                    e2 = p2.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().fma(ve, e2);
                    o2 = p2.and(0xFFFF0000).reinterpretAsFloats().fma(vo, o2);
                    e3 = p3.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().fma(ve, e3);
                    o3 = p3.and(0xFFFF0000).reinterpretAsFloats().fma(vo, o3);
                }
                float s0 = e0.add(o0).reduceLanes(VectorOperators.ADD) + pairTail(xs, xe, w, r0, ub, K);
                float s1 = e1.add(o1).reduceLanes(VectorOperators.ADD) + pairTail(xs, xe, w, r1, ub, K);
                float s2 = e2.add(o2).reduceLanes(VectorOperators.ADD) + pairTail(xs, xe, w, r2, ub, K);
                float s3 = e3.add(o3).reduceLanes(VectorOperators.ADD) + pairTail(xs, xe, w, r3, ub, K);
                int yo = yOff + i * N + j;
                if (acc) { y[yo] += s0; y[yo + 1] += s1; y[yo + 2] += s2; y[yo + 3] += s3; }
                else { y[yo] = s0; y[yo + 1] = s1; y[yo + 2] = s2; y[yo + 3] = s3; }
            }
        }
        for (; j < j1; j++) {
            long r = 2L * (wOff + (long) j * K);
            for (int i = 0; i < M; i++) {
                int xe = i * K, xo = xe + h;
                FloatVector e = FloatVector.zero(S), o = FloatVector.zero(S);
                for (int k = 0; k < ub; k += L) {
                    IntVector p = IntVector.fromMemorySegment(SI, w, r + 4L * k, ByteOrder.LITTLE_ENDIAN);
                    e = p.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats().fma(FloatVector.fromArray(S, xs, xe + k), e);
                    o = p.and(0xFFFF0000).reinterpretAsFloats().fma(FloatVector.fromArray(S, xs, xo + k), o);
                }
                float s = e.add(o).reduceLanes(VectorOperators.ADD) + pairTail(xs, xe, w, r, ub, K);
                int yo = yOff + i * N + j;
                y[yo] = acc ? y[yo] + s : s;
            }
        }
    }

    /** The pairs from {@code from} on of one row of W (at byte r) dotted with xs row xe, plus an odd K's last element. */
    private static float pairTail(float[] xs, int xe, MemorySegment w, long r, int from, int K) {
        int h = K / 2, xo = xe + h;
        float s = 0;
        for (int k = from; k < h; k++) s += pairDot(w.get(INT_LE, r + 4L * k), xs[xe + k], xs[xo + k]);
        if ((K & 1) != 0) s += Float.intBitsToFloat(w.get(BF16, r + 2L * (K - 1)) << 16) * xs[xe + K - 1];
        return s;
    }

    /** Two bf16 weights packed in an int (element 2i low, 2i+1 high) dotted with their two x values. */
    private static float pairDot(int bits, float xEven, float xOdd) {
        return Float.intBitsToFloat(bits << 16) * xEven + Float.intBitsToFloat(bits & 0xFFFF0000) * xOdd;
    }

    private static void fewRows(float[] x, int xOff, float[] w, int wOff, float[] y, int yOff, int M, int N, int K, int j0, int j1, boolean acc) {
        int ub = S.loopBound(K), j = j0;
        for (; j + 4 <= j1; j += 4) {
            int w0 = wOff + j * K, w1 = w0 + K, w2 = w1 + K, w3 = w2 + K;
            for (int i = 0; i < M; i++) {
                int xo = xOff + i * K;
                FloatVector a0 = FloatVector.zero(S), a1 = FloatVector.zero(S), a2 = FloatVector.zero(S), a3 = FloatVector.zero(S);
                int k = 0;
                for (; k < ub; k += L) {
                    FloatVector xv = FloatVector.fromArray(S, x, xo + k);
                    a0 = FloatVector.fromArray(S, w, w0 + k).fma(xv, a0);
                    a1 = FloatVector.fromArray(S, w, w1 + k).fma(xv, a1);
                    a2 = FloatVector.fromArray(S, w, w2 + k).fma(xv, a2);
                    a3 = FloatVector.fromArray(S, w, w3 + k).fma(xv, a3);
                }
                float s0 = a0.reduceLanes(VectorOperators.ADD), s1 = a1.reduceLanes(VectorOperators.ADD);
                float s2 = a2.reduceLanes(VectorOperators.ADD), s3 = a3.reduceLanes(VectorOperators.ADD);
                for (; k < K; k++) {
                    float xk = x[xo + k];
                    s0 += w[w0 + k] * xk; s1 += w[w1 + k] * xk; s2 += w[w2 + k] * xk; s3 += w[w3 + k] * xk;
                }
                int yo = yOff + i * N + j;
                if (acc) { y[yo] += s0; y[yo + 1] += s1; y[yo + 2] += s2; y[yo + 3] += s3; }
                else { y[yo] = s0; y[yo + 1] = s1; y[yo + 2] = s2; y[yo + 3] = s3; }
            }
        }
        for (; j < j1; j++)
            for (int i = 0; i < M; i++) {
                float s = dot(w, wOff + j * K, x, xOff + i * K, K);
                int yo = yOff + i * N + j;
                y[yo] = acc ? y[yo] + s : s;
            }
    }

    /** Dot product of two float ranges, vectorized. */
    public static float dot(float[] a, int ao, float[] b, int bo, int n) {
        FloatVector acc = FloatVector.zero(S);
        int i = 0, ub = S.loopBound(n);
        for (; i < ub; i += L) acc = FloatVector.fromArray(S, a, ao + i).fma(FloatVector.fromArray(S, b, bo + i), acc);
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) s += a[ao + i] * b[bo + i];
        return s;
    }

    /** y[o..o+n) += alpha * x[xo..xo+n), vectorized. */
    public static void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        FloatVector va = FloatVector.broadcast(S, alpha);
        int i = 0, ub = S.loopBound(n);
        for (; i < ub; i += L) FloatVector.fromArray(S, x, xo + i).fma(va, FloatVector.fromArray(S, y, yo + i)).intoArray(y, yo + i);
        for (; i < n; i++) y[yo + i] += alpha * x[xo + i];
    }
}
