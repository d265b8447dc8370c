package io.densekit.kernel.simd;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.kernel.LossKind;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cross-entropy loss and its gradient run the exponential once over the whole batch; each row must
 * get the bits it got when every row ran its own max, {@code expSum} and log (written out here as the
 * row-by-row oracle), at every width and row length (tails included), with class indices and
 * with soft targets, at offsets and with the gradient written over the predictions.
 */
class CrossEntropyBlockTest {
    private static final int[] LENGTHS = {1, 2, 3, 7, 10, 15, 16, 17, 33, 100, 1030};
    private static final int ROWS = 9;
    private static final int OFF = 3;

    @ParameterizedTest(name = "{0} bits")
    @ValueSource(ints = {128, 256, 512})
    void float32RowsKeepTheirBits(int bits) {
        Widths.assumeAvailable(bits);
        F32Ops ops = F32Ops.create(bits, new WorkerPool(1), GemmPlan.defaults());
        SplittableRandom random = new SplittableRandom(bits);
        for (int n : LENGTHS) {
            float[] p = new float[OFF + ROWS * n];
            for (int i = OFF; i < p.length; i++) {
                p[i] = value(random, (i - OFF) / n);
            }
            float[] classes = new float[OFF + ROWS];
            float[] soft = new float[OFF + ROWS * n];
            for (int r = 0; r < ROWS; r++) {
                classes[OFF + r] = random.nextInt(n);
                for (int j = 0; j < n; j++) {
                    soft[OFF + r * n + j] = (float) random.nextDouble();
                }
            }
            for (boolean indices : new boolean[] {true, false}) {
                float[] t = indices ? classes : soft;
                String as = "n " + n + (indices ? ", class indices" : ", soft targets");
                float[] want = new float[OFF + ROWS * n];
                double wantLoss = 0;
                for (int r = 0; r < ROWS; r++) {
                    int pr = OFF + r * n;
                    float max = ops.max(p, pr, n);
                    float lse = max + (float) StrictMath.log(ops.expSum(p, pr, 1, max, null, 0, n));
                    wantLoss += indices ? lse - p[pr + (int) t[OFF + r]]
                            : lse * ops.sum(t, pr, n) - ops.dot(t, pr, p, pr, n);
                    float inv = (float) (1.0 / ROWS);
                    ops.expSum(p, pr, 1, lse, want, pr, n);
                    float mass = indices ? 1 : ops.sum(t, pr, n);
                    for (int j = 0; j < n; j++) {
                        float v = want[pr + j] * mass;
                        want[pr + j] = (indices ? v : v - t[pr + j]) * inv;
                    }
                    if (indices) {
                        want[pr + (int) t[OFF + r]] -= inv;
                    }
                }
                wantLoss /= ROWS;
                assertThat(ops.loss(LossKind.CROSS_ENTROPY, p, OFF, t, OFF, ROWS, n, indices)).as(as)
                        .isEqualTo(wantLoss);
                float[] g = new float[OFF + ROWS * n];
                ops.lossGradient(LossKind.CROSS_ENTROPY, p, OFF, t, OFF, g, OFF, ROWS, n, indices);
                float[] inPlace = p.clone();
                ops.lossGradient(LossKind.CROSS_ENTROPY, inPlace, OFF, t, OFF, inPlace, OFF, ROWS, n, indices);
                for (int i = OFF; i < want.length; i++) {
                    assertThat(Float.floatToRawIntBits(g[i])).as("%s, element %d", as, i - OFF)
                            .isEqualTo(Float.floatToRawIntBits(want[i]));
                    assertThat(Float.floatToRawIntBits(inPlace[i])).as("in place, %s, element %d", as, i - OFF)
                            .isEqualTo(Float.floatToRawIntBits(want[i]));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} bits")
    @ValueSource(ints = {128, 256, 512})
    void float64RowsKeepTheirBits(int bits) {
        Widths.assumeAvailable(bits);
        F64Ops ops = F64Ops.create(bits, new WorkerPool(1), GemmPlan.defaults());
        SplittableRandom random = new SplittableRandom(bits + 1);
        for (int n : LENGTHS) {
            double[] p = new double[OFF + ROWS * n];
            for (int i = OFF; i < p.length; i++) {
                p[i] = value(random, (i - OFF) / n);
            }
            double[] t = new double[OFF + ROWS];
            for (int r = 0; r < ROWS; r++) {
                t[OFF + r] = random.nextInt(n);
            }
            double[] want = new double[OFF + ROWS * n];
            double wantLoss = 0;
            for (int r = 0; r < ROWS; r++) {
                int pr = OFF + r * n;
                double max = ops.max(p, pr, n);
                double lse = max + StrictMath.log(ops.expSum(p, pr, 1, max, null, 0, n));
                wantLoss += lse - p[pr + (int) t[OFF + r]];
                double inv = 1.0 / ROWS;
                ops.expSum(p, pr, 1, lse, want, pr, n);
                for (int j = 0; j < n; j++) {
                    want[pr + j] = want[pr + j] * 1 * inv;
                }
                want[pr + (int) t[OFF + r]] -= inv;
            }
            wantLoss /= ROWS;
            assertThat(ops.loss(LossKind.CROSS_ENTROPY, p, OFF, t, OFF, ROWS, n, true)).as("n %d", n)
                    .isEqualTo(wantLoss);
            double[] g = new double[OFF + ROWS * n];
            ops.lossGradient(LossKind.CROSS_ENTROPY, p, OFF, t, OFF, g, OFF, ROWS, n, true);
            for (int i = OFF; i < want.length; i++) {
                assertThat(Double.doubleToRawLongBits(g[i])).as("n %d, element %d", n, i - OFF)
                        .isEqualTo(Double.doubleToRawLongBits(want[i]));
            }
        }
    }

    /** Row by row: ordinary values, large ones, tiny ones, all equal. */
    private static float value(SplittableRandom random, int row) {
        return switch (row % 4) {
            case 0 -> (float) (random.nextDouble() * 8 - 4);
            case 1 -> (float) (random.nextDouble() * 200 - 100);
            case 2 -> (float) (random.nextDouble() * 1e-6);
            default -> 0.5f;
        };
    }
}
