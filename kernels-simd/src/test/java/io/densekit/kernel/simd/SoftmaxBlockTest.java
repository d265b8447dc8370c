package io.densekit.kernel.simd;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.kernel.Activation;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Softmax over a block of rows runs the exponential once for the block; it must give each row the
 * bits that {@code softmaxRow} gives it alone, at every width and row length (tails included), and
 * for rows with large, tiny, equal and infinite values.
 */
class SoftmaxBlockTest {
    private static final int[] LENGTHS = {1, 2, 3, 7, 15, 16, 17, 31, 32, 33, 64, 100, 1030};

    @ParameterizedTest(name = "{0} bits")
    @ValueSource(ints = {128, 256, 512})
    void float32BlocksGiveEachRowItsOwnBits(int bits) {
        Widths.assumeAvailable(bits);
        F32Ops ops = F32Ops.create(bits, new WorkerPool(1), GemmPlan.defaults());
        SplittableRandom random = new SplittableRandom(bits);
        for (int n : LENGTHS) {
            int rows = 9;
            float[] x = new float[rows * n];
            for (int i = 0; i < x.length; i++) {
                x[i] = value(random, i / n);
            }
            float[] block = new float[x.length];
            ops.activationForward(Activation.SOFTMAX, x, 0, block, 0, rows, n);
            float[] inPlace = x.clone();
            ops.activationForward(Activation.SOFTMAX, inPlace, 0, inPlace, 0, rows, n);
            for (int r = 0; r < rows; r++) {
                float[] alone = new float[n];
                ops.softmaxRow(false, x, r * n, alone, 0, n);
                for (int j = 0; j < n; j++) {
                    assertThat(Float.floatToRawIntBits(block[r * n + j])).as("n %d row %d column %d", n, r, j)
                            .isEqualTo(Float.floatToRawIntBits(alone[j]));
                    assertThat(Float.floatToRawIntBits(inPlace[r * n + j])).as("in place, n %d row %d column %d", n, r, j)
                            .isEqualTo(Float.floatToRawIntBits(alone[j]));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} bits")
    @ValueSource(ints = {128, 256, 512})
    void float64BlocksGiveEachRowItsOwnBits(int bits) {
        Widths.assumeAvailable(bits);
        F64Ops ops = F64Ops.create(bits, new WorkerPool(1), GemmPlan.defaults());
        SplittableRandom random = new SplittableRandom(bits + 1);
        for (int n : LENGTHS) {
            int rows = 9;
            double[] x = new double[rows * n];
            for (int i = 0; i < x.length; i++) {
                x[i] = value(random, i / n);
            }
            double[] block = new double[x.length];
            ops.activationForward(Activation.SOFTMAX, x, 0, block, 0, rows, n);
            for (int r = 0; r < rows; r++) {
                double[] alone = new double[n];
                ops.softmaxRow(false, x, r * n, alone, 0, n);
                for (int j = 0; j < n; j++) {
                    assertThat(Double.doubleToRawLongBits(block[r * n + j])).as("n %d row %d column %d", n, r, j)
                            .isEqualTo(Double.doubleToRawLongBits(alone[j]));
                }
            }
        }
    }

    /** Row by row: ordinary values, large ones, tiny ones, all equal, one +infinity among others. */
    private static float value(SplittableRandom random, int row) {
        return switch (row % 5) {
            case 0 -> (float) (random.nextDouble() * 8 - 4);
            case 1 -> (float) (random.nextDouble() * 200 - 100);
            case 2 -> (float) (random.nextDouble() * 1e-6);
            case 3 -> 0.5f;
            default -> random.nextInt(4) == 0 ? Float.POSITIVE_INFINITY : (float) random.nextDouble();
        };
    }
}
