package io.densekit.kernel.simd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A transposed B is packed by transposing blocks of lanes x lanes values in registers (one value at a
 * time at 2 lanes, in the tail of k and in a last, partial sliver); the packed panel must hold exactly
 * what packing the explicit transpose gives: at every width, with rows a multiple of 4 KiB apart and
 * not, k not a multiple of the lanes, a last, partial sliver, and k in two k-blocks (the second one's
 * blocks start at column 1050 of B).
 */
class TransposedPackingTest {
    /** {rows of B (n), k, ldb}: strides 512, 1024 and 1536 floats, and 784, 520, 1000 and 2100. */
    private static final int[][] SHAPES = {
        {40, 1024, 1024}, {33, 1000, 1024}, {64, 512, 512}, {17, 37, 1536}, {40, 784, 784}, {35, 517, 520},
        {3, 1000, 1000}, {20, 2100, 2100}};

    @ParameterizedTest(name = "{0} bits")
    @ValueSource(ints = {128, 256, 512})
    void float32PackedTransposeIsThePackedCopy(int bits) {
        Widths.assumeAvailable(bits);
        F32Ops ops = F32Ops.create(bits, new WorkerPool(1), GemmPlan.defaults());
        for (int[] shape : SHAPES) {
            int n = shape[0], k = shape[1], ldb = shape[2];
            float[] b = new float[n * ldb];
            for (int i = 0; i < b.length; i++) {
                b[i] = i * 0.5f + 1;
            }
            float[] copy = new float[k * n];
            for (int j = 0; j < n; j++) {
                for (int p = 0; p < k; p++) {
                    copy[p * n + j] = b[j * ldb + p];
                }
            }
            float[] gathered = new float[ops.packedSize(k, n)];
            float[] plain = new float[ops.packedSize(k, n)];
            ops.packWhole(true, b, 0, ldb, k, n, gathered);
            ops.packWhole(false, copy, 0, n, k, n, plain);
            assertThat(gathered).as("n %d, k %d, ldb %d", n, k, ldb).isEqualTo(plain);
        }
    }

    @ParameterizedTest(name = "{0} bits")
    @ValueSource(ints = {128, 256, 512})
    void float64PackedTransposeIsThePackedCopy(int bits) {
        Widths.assumeAvailable(bits);
        F64Ops ops = F64Ops.create(bits, new WorkerPool(1), GemmPlan.defaults());
        for (int[] shape : SHAPES) {
            int n = shape[0], k = shape[1], ldb = shape[2];
            double[] b = new double[n * ldb];
            for (int i = 0; i < b.length; i++) {
                b[i] = i * 0.5 + 1;
            }
            double[] copy = new double[k * n];
            for (int j = 0; j < n; j++) {
                for (int p = 0; p < k; p++) {
                    copy[p * n + j] = b[j * ldb + p];
                }
            }
            double[] gathered = new double[ops.packedSize(k, n)];
            double[] plain = new double[ops.packedSize(k, n)];
            ops.packWhole(true, b, 0, ldb, k, n, gathered);
            ops.packWhole(false, copy, 0, n, k, n, plain);
            assertThat(gathered).as("n %d, k %d, ldb %d", n, k, ldb).isEqualTo(plain);
        }
    }
}
