package io.densekit.kernel.simd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A transposed B is packed by gathers, straight from B or, where its rows are a multiple of 2 KiB apart,
 * through a staging tile; either way the packed panel must hold exactly what packing the explicit
 * transpose gives: at every width, with row strides on both sides of that rule, k not a multiple of
 * the lanes (the tile's tail) and a last, partial sliver.
 */
class TransposedPackingTest {
    /** {rows of B (n), k, ldb}: aliased strides 512, 1024 and 1536 floats, and 784, 520 and 1000. */
    private static final int[][] SHAPES = {
        {40, 1024, 1024}, {33, 1000, 1024}, {64, 512, 512}, {17, 37, 1536}, {40, 784, 784}, {35, 517, 520},
        {3, 1000, 1000}};

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
