package io.densekit.kernel.simd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The peak loop must do the FMAs its figure counts: {@code steps} fused multiply-adds on each of its
 * chains, which the same chains written out in scalar {@link Math#fma} reproduce bit for bit (one
 * rounding a step either way), and its flop count must be 2 per lane per FMA.
 */
class FmaPeakTest {

    @ParameterizedTest(name = "{0} steps")
    @ValueSource(ints = {0, 1, 2, 7, 1000, 100_003})
    void float32ChainsMatchScalarFmas(int steps) {
        float start = 0.37f;
        float x = 0.9990001f;
        float y = 1.25e-3f;
        float sum = 0;
        for (int i = 0; i < FmaPeak.CHAINS; i++) {
            float acc = start + i;
            for (int s = 0; s < steps; s++) {
                acc = Math.fma(acc, x, y);
            }
            sum = i == 0 ? acc : sum + acc;
        }
        assertThat(Float.floatToRawIntBits(FmaPeak.f32(steps, start, x, y))).isEqualTo(Float.floatToRawIntBits(sum));
    }

    @ParameterizedTest(name = "{0} steps")
    @ValueSource(ints = {0, 1, 2, 7, 1000, 100_003})
    void float64ChainsMatchScalarFmas(int steps) {
        double start = -2.5;
        double x = 0.99990000001;
        double y = 3.1e-4;
        double sum = 0;
        for (int i = 0; i < FmaPeak.CHAINS; i++) {
            double acc = start + i;
            for (int s = 0; s < steps; s++) {
                acc = Math.fma(acc, x, y);
            }
            sum = i == 0 ? acc : sum + acc;
        }
        assertThat(Double.doubleToRawLongBits(FmaPeak.f64(steps, start, x, y))).isEqualTo(Double.doubleToRawLongBits(sum));
    }

    @Test
    void flopsCountTwoPerLanePerFma() {
        assertThat(FmaPeak.flops(1000, FmaPeak.f32Lanes())).isEqualTo(2.0 * FmaPeak.CHAINS * 1000 * FmaPeak.f32Lanes());
        assertThat(FmaPeak.f32Lanes()).isEqualTo(2 * FmaPeak.f64Lanes());
    }
}
