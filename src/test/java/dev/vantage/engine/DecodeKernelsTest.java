package dev.vantage.engine;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The decoding kernels against naive loops in double. */
class DecodeKernelsTest {
    @Test void fewRowsProductMatchesNaive() {
        int[][] shapes = {{1, 1, 1}, {1, 7, 33}, {3, 70, 256}, {8, 513, 48}, {5, 4, 17}, {2, 1030, 300}};
        for (int[] s : shapes) {
            int M = s[0], N = s[1], K = s[2];
            float[] x = MatMulTest.rand(3 + M * K, 1), w = MatMulTest.rand(5 + N * K, 2), y = MatMulTest.rand(7 + M * N, 3), y0 = y.clone();
            MatMul.xWtFewRows(x, 3, w, 5, y, 7, M, N, K, true);
            for (int i = 0; i < M; i++) for (int j = 0; j < N; j++) {
                double r = y0[7 + i * N + j];
                for (int k = 0; k < K; k++) r += (double) x[3 + i * K + k] * w[5 + j * K + k];
                assertEquals(r, y[7 + i * N + j], 1e-4 * (1 + Math.abs(r)), "shape " + java.util.Arrays.toString(s) + " (" + i + ", " + j + ")");
            }
            MatMul.xWtFewRows(x, 3, w, 5, y, 7, M, N, K, false);
            for (int i = 0; i < 7; i++) assertEquals(y0[i], y[i]);
            float[] g = new float[M * N];
            MatMul.xWt(x, 3, w, 5, g, 0, M, N, K, false);
            for (int i = 0; i < M * N; i++) assertEquals(g[i], y[7 + i], 1e-4 * (1 + Math.abs(g[i])));
        }
    }

    @Test void fewRowsProductFromBf16MatchesWidenedWeights() {
        try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofShared()) {
            for (int[] s : new int[][]{{1, 7, 33}, {3, 70, 256}, {2, 1030, 300}, {8, 5, 16}}) {
                int M = s[0], N = s[1], K = s[2];
                float[] x = MatMulTest.rand(M * K, 1), w = MatMulTest.rand(3 + N * K, 2);
                java.lang.foreign.MemorySegment seg = arena.allocate(2L * w.length);
                Bf16.fromFloats(w, 0, w.length, seg, 0);
                float[] wide = new float[w.length];
                Bf16.toFloats(seg, 0, wide, 0, w.length);
                float[] want = new float[M * N], got = new float[M * N];
                MatMul.xWtFewRows(x, 0, wide, 3, want, 0, M, N, K, false);
                MatMul.xWtFewRowsBf16(x, 0, seg, 3, got, 0, M, N, K, false);
                // equal up to last-place rounding: the JIT may compile the two kernels' FMA chains differently
                // (seen once in a full run: -3.9445674 vs -3.944567); a wrong widening is off by far more
                org.junit.jupiter.api.Assertions.assertArrayEquals(want, got, 1e-5f, java.util.Arrays.toString(s));
            }
        }
    }

    @Test void singleQueryAttentionMatchesNaive() {
        int H = 8, Hkv = 2, hd = 32, nk = 37, group = H / Hkv;
        // Query row 1 of q and out (row 0 stays untouched), so the row offset is exercised.
        float[] q = MatMulTest.rand(2 * H * hd, 4), k = MatMulTest.rand(nk * Hkv * hd, 5), v = MatMulTest.rand(nk * Hkv * hd, 6);
        float[] out = new float[2 * H * hd], scores = new float[nk];
        Attention.singleQuery(new Attention.Decode(new Attention.Heads(H, Hkv, hd), q, out, scores), 1, k, v, nk);
        for (int h = 0; h < H; h++) {
            int kh = h / group;
            double[] s = new double[nk];
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (int j = 0; j < nk; j++) {
                for (int i = 0; i < hd; i++) s[j] += (double) q[H * hd + h * hd + i] * k[j * Hkv * hd + kh * hd + i];
                s[j] /= Math.sqrt(hd);
                max = Math.max(max, s[j]);
            }
            for (int j = 0; j < nk; j++) { s[j] = Math.exp(s[j] - max); sum += s[j]; }
            for (int i = 0; i < hd; i++) {
                double o = 0;
                for (int j = 0; j < nk; j++) o += s[j] / sum * v[j * Hkv * hd + kh * hd + i];
                assertEquals(o, out[H * hd + h * hd + i], 1e-5, "head " + h + " element " + i);
            }
        }
        for (int i = 0; i < H * hd; i++) assertEquals(0f, out[i], "row 0 written");
    }

    @Test void logSumExpMatchesDouble() {
        for (int n : new int[]{1, 5, 16, 8195}) {
            float[] x = MatMulTest.rand(n + 3, n);
            for (int i = 0; i < x.length; i++) x[i] *= 20;
            double max = Double.NEGATIVE_INFINITY, s = 0;
            for (int i = 3; i < n + 3; i++) max = Math.max(max, x[i]);
            for (int i = 3; i < n + 3; i++) s += Math.exp(x[i] - max);
            assertEquals(max + Math.log(s), CrossEntropy.logSumExp(x, 3, n), 1e-5);
        }
    }
}
