package io.densekit.kernel.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * The hand-written vector exp, tanh, log and log1p against StrictMath (fdlibm), in ulps of the
 * correctly rounded result, over their whole useful ranges and the special values.
 */
class ElementaryFunctionsTest {
    private final F32Ops f32 = F32Ops.create(256, new WorkerPool(1));
    private final F64Ops f64 = F64Ops.create(256, new WorkerPool(1));

    @Test
    void float32Accuracy() {
        assertThat(worstUlpsF32(f32::exp, StrictMath::exp, -104, 89)).isLessThanOrEqualTo(2);
        assertThat(worstUlpsF32(f32::tanh, StrictMath::tanh, -12, 12)).isLessThanOrEqualTo(2);
        assertThat(worstUlpsF32(f32::tanh, StrictMath::tanh, -1e-3, 1e-3)).isLessThanOrEqualTo(2);
        assertThat(worstUlpsF32(f32::log, StrictMath::log, 1e-40, 1)).isLessThanOrEqualTo(2.5);
        assertThat(worstUlpsF32(f32::log, StrictMath::log, 1, 3e38)).isLessThanOrEqualTo(2.5);
        // log1p rounds three more times than log (1 + y, u - 1, the quotient).
        assertThat(worstUlpsF32(f32::log1p, StrictMath::log1p, -0.999, 1)).isLessThanOrEqualTo(5);
        assertThat(worstUlpsF32(f32::log1p, StrictMath::log1p, -1e-6, 1e-6)).isLessThanOrEqualTo(5);
    }

    @Test
    void float64Accuracy() {
        assertThat(worstUlpsF64(f64::exp, StrictMath::exp, -745, 709.7)).isLessThanOrEqualTo(2);
        assertThat(worstUlpsF64(f64::tanh, StrictMath::tanh, -25, 25)).isLessThanOrEqualTo(2);
        assertThat(worstUlpsF64(f64::tanh, StrictMath::tanh, -1e-3, 1e-3)).isLessThanOrEqualTo(2);
        assertThat(worstUlpsF64(f64::log, StrictMath::log, 1e-310, 1)).isLessThanOrEqualTo(2);
        assertThat(worstUlpsF64(f64::log, StrictMath::log, 1, 1e308)).isLessThanOrEqualTo(2);
        assertThat(worstUlpsF64(f64::log1p, StrictMath::log1p, -0.999, 1)).isLessThanOrEqualTo(3);
        assertThat(worstUlpsF64(f64::log1p, StrictMath::log1p, -1e-9, 1e-9)).isLessThanOrEqualTo(3);
    }

    @Test
    void specialValues() {
        float[] in = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 200f, -200f, -1f};
        float[] exp = apply32(f32::exp, in);
        assertThat(exp).containsExactly(Float.NaN, Float.POSITIVE_INFINITY, 0f, 1f, 1f, Float.POSITIVE_INFINITY, 0f,
                (float) StrictMath.exp(-1));
        float[] tanh = apply32(f32::tanh, in);
        assertThat(tanh).containsExactly(Float.NaN, 1f, -1f, 0f, -0f, 1f, -1f, (float) StrictMath.tanh(-1));
        float[] log = apply32(f32::log, in);
        assertThat(log[0]).isNaN();
        assertThat(log[1]).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(log[2]).isNaN();
        assertThat(log[3]).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(log[7]).isNaN();
        float[] log1p = apply32(f32::log1p, new float[] {-1f, 0f, -2f, 1e-30f});
        assertThat(log1p[0]).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(log1p[1]).isZero();
        assertThat(log1p[2]).isNaN();
        assertThat(log1p[3]).isEqualTo(1e-30f);
        double[] exp64 = apply64(f64::exp, new double[] {Double.NaN, 800, -800, 0});
        assertThat(exp64).containsExactly(Double.NaN, Double.POSITIVE_INFINITY, 0.0, 1.0);
    }

    private float[] apply32(java.util.function.UnaryOperator<FloatVector> f, float[] in) {
        float[] padded = java.util.Arrays.copyOf(in, 8);
        float[] out = new float[8];
        f.apply(FloatVector.fromArray(FloatVector.SPECIES_256, padded, 0)).intoArray(out, 0);
        return java.util.Arrays.copyOf(out, in.length);
    }

    private double[] apply64(java.util.function.UnaryOperator<DoubleVector> f, double[] in) {
        double[] out = new double[4];
        f.apply(DoubleVector.fromArray(DoubleVector.SPECIES_256, in, 0)).intoArray(out, 0);
        return out;
    }

    private static double worstUlpsF32(java.util.function.UnaryOperator<FloatVector> f, DoubleUnaryOperator exact,
                                       double lo, double hi) {
        SplittableRandom rnd = new SplittableRandom(1);
        float[] x = new float[8];
        float[] y = new float[8];
        double worst = 0;
        for (int it = 0; it < 20_000; it++) {
            for (int i = 0; i < 8; i++) {
                x[i] = (float) sample(rnd, lo, hi);
            }
            f.apply(FloatVector.fromArray(FloatVector.SPECIES_256, x, 0)).intoArray(y, 0);
            for (int i = 0; i < 8; i++) {
                double e = exact.applyAsDouble(x[i]);
                float rounded = (float) e;
                if (Float.isInfinite(rounded)) {
                    worst = Math.max(worst, y[i] == rounded ? 0 : Double.POSITIVE_INFINITY);
                    continue;
                }
                double ulp = Math.ulp(rounded == 0 ? Float.MIN_VALUE : rounded);
                worst = Math.max(worst, Math.abs(y[i] - e) / ulp);
            }
        }
        return worst;
    }

    private static double worstUlpsF64(java.util.function.UnaryOperator<DoubleVector> f, DoubleUnaryOperator exact,
                                       double lo, double hi) {
        SplittableRandom rnd = new SplittableRandom(2);
        double[] x = new double[4];
        double[] y = new double[4];
        double worst = 0;
        for (int it = 0; it < 40_000; it++) {
            for (int i = 0; i < 4; i++) {
                x[i] = sample(rnd, lo, hi);
            }
            f.apply(DoubleVector.fromArray(DoubleVector.SPECIES_256, x, 0)).intoArray(y, 0);
            for (int i = 0; i < 4; i++) {
                double e = exact.applyAsDouble(x[i]);
                // StrictMath is within 1 ulp itself; measure against it in ulps of its result.
                worst = Math.max(worst, Math.abs(y[i] - e) / Math.ulp(e == 0 ? Double.MIN_VALUE : e));
            }
        }
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
