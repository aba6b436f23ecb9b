package dev.vantage.engine;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MatMulTest {
    static float[] rand(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) (r.nextDouble() * 2 - 1);
        return a;
    }

    static void close(double[] want, float[] got, double tol) {
        for (int i = 0; i < want.length; i++)
            assertEquals(want[i], got[i], tol * (1 + Math.abs(want[i])), "element " + i);
    }

    @Test void allThreeProductsMatchNaiveOnAwkwardShapes() {
        int[][] shapes = {{1, 1, 1}, {7, 33, 5}, {37, 8, 300}, {5, 3, 40}, {8, 32, 256}, {37, 70, 300}, {130, 65, 513}, {3, 200, 17}};
        for (int[] s : shapes) {
            int M = s[0], N = s[1], K = s[2];
            float[] x = rand(M * K, 1), w = rand(N * K, 2), dy = rand(M * N, 3);
            double[] y = new double[M * N], dx = new double[M * K], dw = new double[N * K];
            for (int i = 0; i < M; i++) for (int j = 0; j < N; j++) for (int k = 0; k < K; k++) {
                y[i * N + j] += (double) x[i * K + k] * w[j * K + k];
                dx[i * K + k] += (double) dy[i * N + j] * w[j * K + k];
                dw[j * K + k] += (double) dy[i * N + j] * x[i * K + k];
            }
            float[] gy = new float[M * N], gdx = new float[M * K], gdw = new float[N * K];
            MatMul.xWt(x, 0, w, 0, gy, 0, M, N, K, false);
            MatMul.xW(dy, 0, w, 0, gdx, 0, M, N, K, false);
            MatMul.xtY(dy, 0, x, 0, gdw, 0, M, N, K, false);
            close(y, gy, 1e-4); close(dx, gdx, 1e-4); close(dw, gdw, 1e-4);
            MatMul.xWt(x, 0, w, 0, gy, 0, M, N, K, true);
            for (int i = 0; i < y.length; i++) y[i] *= 2;
            close(y, gy, 1e-4);
        }
    }

    @Test void offsetsAddressSubMatrices() {
        int M = 9, N = 40, K = 20;
        float[] x = rand(5 + M * K, 4), w = rand(3 + N * K, 5);
        float[] y = new float[11 + M * N];
        MatMul.xWt(x, 5, w, 3, y, 11, M, N, K, false);
        for (int i = 0; i < M; i++) for (int j = 0; j < N; j++) {
            double s = 0;
            for (int k = 0; k < K; k++) s += (double) x[5 + i * K + k] * w[3 + j * K + k];
            assertEquals(s, y[11 + i * N + j], 1e-4);
        }
        for (int i = 0; i < 11; i++) assertEquals(0f, y[i]);
    }

    @Test void bf16WeightsFromASegment() {
        int M = 13, N = 50, K = 70;
        float[] x = rand(M * K, 6), w = rand(N * K, 7);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = arena.allocate(2L * N * K);
            ValueLayout.OfShort le = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
            float[] wRounded = new float[N * K];
            for (int i = 0; i < N * K; i++) {
                short h = (short) (Float.floatToRawIntBits(w[i]) >>> 16);
                seg.setAtIndex(le, i, h);
                wRounded[i] = Float.intBitsToFloat(h << 16);
            }
            float[] want = new float[M * N], got = new float[M * N];
            MatMul.xWt(x, 0, wRounded, 0, want, 0, M, N, K, false);
            MatMul.xWtBf16(x, 0, seg, 0, got, 0, M, N, K, false);
            for (int i = 0; i < want.length; i++) assertEquals(want[i], got[i], 1e-5);
        }
    }
}
