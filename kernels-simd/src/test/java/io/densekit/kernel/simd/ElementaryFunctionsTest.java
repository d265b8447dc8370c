package io.densekit.kernel.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The hand-written vector exp, tanh, log and log1p against StrictMath (fdlibm), in ulps of the
 * correctly rounded float32 result, or of StrictMath's float64 result, over their useful ranges and
 * the special values. Lengths are not multiples of the vector length, so masked tails run too.
 */
class ElementaryFunctionsTest {
    private final F32Ops f32 = F32Ops.create(256, new WorkerPool(1), GemmPlan.defaults());
    private final F64Ops f64 = F64Ops.create(256, new WorkerPool(1), GemmPlan.defaults());

    interface F32Routine {
        void run(float[] x, float[] y, int n);
    }

    interface F64Routine {
        void run(double[] x, double[] y, int n);
    }

    private F32Routine exp32() {
        return (x, y, n) -> f32.expSum(x, 0, 1, 0, y, 0, n);
    }

    private F64Routine exp64() {
        return (x, y, n) -> f64.expSum(x, 0, 1, 0, y, 0, n);
    }

    @Test
    void float32Accuracy() {
        assertThat(worstUlps32(exp32(), StrictMath::exp, -104, 89)).isLessThanOrEqualTo(2);
        assertThat(worstUlps32((x, y, n) -> f32.tanhInto(x, 0, y, 0, n), StrictMath::tanh, -12, 12)).isLessThanOrEqualTo(2);
        assertThat(worstUlps32((x, y, n) -> f32.tanhInto(x, 0, y, 0, n), StrictMath::tanh, -1e-3, 1e-3)).isLessThanOrEqualTo(2);
        assertThat(worstUlps32((x, y, n) -> f32.logInto(x, 0, y, 0, n), StrictMath::log, 1e-40, 1)).isLessThanOrEqualTo(2.5);
        assertThat(worstUlps32((x, y, n) -> f32.logInto(x, 0, y, 0, n), StrictMath::log, 1, 3e38)).isLessThanOrEqualTo(2.5);
        // log1p rounds three more times than log (1 + y, u - 1, the quotient).
        assertThat(worstUlps32((x, y, n) -> f32.log1pInto(x, 0, 1, y, 0, n), StrictMath::log1p, -0.999, 1)).isLessThanOrEqualTo(5);
        assertThat(worstUlps32((x, y, n) -> f32.log1pInto(x, 0, 1, y, 0, n), StrictMath::log1p, -1e-6, 1e-6)).isLessThanOrEqualTo(5);
    }

    @Test
    void float64Accuracy() {
        assertThat(worstUlps64(exp64(), StrictMath::exp, -745, 709.7)).isLessThanOrEqualTo(2);
        assertThat(worstUlps64((x, y, n) -> f64.tanhInto(x, 0, y, 0, n), StrictMath::tanh, -25, 25)).isLessThanOrEqualTo(2);
        assertThat(worstUlps64((x, y, n) -> f64.tanhInto(x, 0, y, 0, n), StrictMath::tanh, -1e-3, 1e-3)).isLessThanOrEqualTo(2);
        assertThat(worstUlps64((x, y, n) -> f64.logInto(x, 0, y, 0, n), StrictMath::log, 1e-310, 1)).isLessThanOrEqualTo(2);
        assertThat(worstUlps64((x, y, n) -> f64.logInto(x, 0, y, 0, n), StrictMath::log, 1, 1e308)).isLessThanOrEqualTo(2);
        assertThat(worstUlps64((x, y, n) -> f64.log1pInto(x, 0, 1, y, 0, n), StrictMath::log1p, -0.999, 1)).isLessThanOrEqualTo(3);
        assertThat(worstUlps64((x, y, n) -> f64.log1pInto(x, 0, 1, y, 0, n), StrictMath::log1p, -1e-9, 1e-9)).isLessThanOrEqualTo(3);
    }

    @Test
    void expSumReturnsTheSumOfWhatItStores() {
        float[] x = {0.5f, -1, 2, 0, 3, -4, 1.5f, 0.25f, -0.75f, 1};
        float[] y = new float[x.length];
        float sum = f32.expSum(x, 0, 1, 0.5f, y, 0, x.length);
        double expected = 0;
        for (int i = 0; i < x.length; i++) {
            assertThat(y[i]).isCloseTo((float) StrictMath.exp(x[i] - 0.5), org.assertj.core.data.Percentage.withPercentage(1e-4));
            expected += y[i];
        }
        assertThat((double) sum).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(f32.expSum(x, 0, 1, 0.5f, null, 0, x.length)).isEqualTo(sum);
    }

    @Test
    void specialValues() {
        float[] in = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 200f, -200f, -1f};
        assertThat(run32(exp32(), in)).containsExactly(Float.NaN, Float.POSITIVE_INFINITY, 0f, 1f, 1f,
                Float.POSITIVE_INFINITY, 0f, (float) StrictMath.exp(-1));
        assertThat(run32((x, y, n) -> f32.tanhInto(x, 0, y, 0, n), in)).containsExactly(Float.NaN, 1f, -1f, 0f, -0f, 1f, -1f,
                (float) StrictMath.tanh(-1));
        float[] log = run32((x, y, n) -> f32.logInto(x, 0, y, 0, n), in);
        assertThat(log[0]).isNaN();
        assertThat(log[1]).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(log[2]).isNaN();
        assertThat(log[3]).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(log[7]).isNaN();
        float[] log1p = run32((x, y, n) -> f32.log1pInto(x, 0, 1, y, 0, n), new float[] {-1f, 0f, -2f, 1e-30f});
        assertThat(log1p[0]).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(log1p[1]).isZero();
        assertThat(log1p[2]).isNaN();
        assertThat(log1p[3]).isEqualTo(1e-30f);
        double[] exp64 = new double[4];
        f64.expSum(new double[] {Double.NaN, 800, -800, 0}, 0, 1, 0, exp64, 0, 4);
        assertThat(exp64).containsExactly(Double.NaN, Double.POSITIVE_INFINITY, 0.0, 1.0);
    }

    private static float[] run32(F32Routine f, float[] in) {
        float[] out = new float[in.length];
        f.run(in, out, in.length);
        return out;
    }

    private static double worstUlps32(F32Routine f, DoubleUnaryOperator exact, double lo, double hi) {
        SplittableRandom rnd = new SplittableRandom(1);
        int n = 1001;
        float[] x = new float[n];
        float[] y = new float[n];
        double worst = 0;
        for (int it = 0; it < 100; it++) {
            for (int i = 0; i < n; i++) {
                x[i] = (float) sample(rnd, lo, hi);
            }
            f.run(x, y, n);
            for (int i = 0; i < n; i++) {
                double e = exact.applyAsDouble(x[i]);
                float rounded = (float) e;
                if (Float.isInfinite(rounded)) {
                    worst = Math.max(worst, y[i] == rounded ? 0 : Double.POSITIVE_INFINITY);
                    continue;
                }
                worst = Math.max(worst, Math.abs(y[i] - e) / Math.ulp(rounded == 0 ? Float.MIN_VALUE : rounded));
            }
        }
        return worst;
    }

    private static double worstUlps64(F64Routine f, DoubleUnaryOperator exact, double lo, double hi) {
        SplittableRandom rnd = new SplittableRandom(2);
        int n = 1001;
        double[] x = new double[n];
        double[] y = new double[n];
        double worst = 0;
        for (int it = 0; it < 100; it++) {
            for (int i = 0; i < n; i++) {
                x[i] = sample(rnd, lo, hi);
            }
            f.run(x, y, n);
            for (int i = 0; i < n; i++) {
                double e = exact.applyAsDouble(x[i]);
                worst = Math.max(worst, Math.abs(y[i] - e) / Math.ulp(e == 0 ? Double.MIN_VALUE : e));
            }
        }
        assertThat(Arrays.stream(y).anyMatch(Double::isNaN)).isFalse();
        return worst;
    }

    /** Uniform on [lo, hi], or log-uniform when the range spans many orders of magnitude. */
    private static double sample(SplittableRandom rnd, double lo, double hi) {
        if (lo > 0 && hi / lo > 1e3) {
            return Math.exp(Math.log(lo) + rnd.nextDouble() * (Math.log(hi) - Math.log(lo)));
        }
        return lo + rnd.nextDouble() * (hi - lo);
    }
}
