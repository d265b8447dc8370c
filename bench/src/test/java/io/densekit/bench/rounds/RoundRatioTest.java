package io.densekit.bench.rounds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoundRatioTest {
    private static final String CASE = "seed f32 b1";

    @Test
    void ranksOfTheMediansIntervalFollowTheBinomial() {
        // n = 11: P(X <= 1) = 12/2048 <= 2.5% < P(X <= 2) = 67/2048, so [x(2), x(10)] at 1 - 24/2048.
        assertThat(RoundRatio.lowerRank(11)).isEqualTo(2);
        // n = 20: P(X <= 5) = 2.07% <= 2.5% < P(X <= 6) = 5.77%, so [x(6), x(15)].
        assertThat(RoundRatio.lowerRank(20)).isEqualTo(6);
        // Too few rounds for 95%: the whole range, with its lower coverage.
        assertThat(RoundRatio.lowerRank(5)).isEqualTo(1);
        assertThat(RoundRatio.binomialCdf(11, 1)).isCloseTo(12.0 / 2048, within(1e-15));
    }

    @Test
    void pairsRoundsInOrderAndTakesTheMedianRatio() {
        List<Double> a = List.of(10.0, 30.0, 20.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0, 100.0, 110.0);
        List<Double> b = List.of(10.0, 10.0, 10.0, 20.0, 25.0, 30.0, 35.0, 40.0, 45.0, 50.0, 55.0);
        RoundRatio<String> r = RoundRatio.of(CASE, "simd", a, "onnxruntime", b);
        // Ratios by round: 1, 3, 2, then 2 eight times: sorted 1, 2 x 9, 3.
        assertThat(r.median()).isEqualTo(2.0);
        assertThat(r.low()).isEqualTo(2.0);
        assertThat(r.high()).isEqualTo(2.0);
        assertThat(r.coverage()).isCloseTo(1 - 24.0 / 2048, within(1e-12));
        assertThat(r.tie()).isFalse();
        assertThat(r.subject()).isEqualTo(CASE);
        assertThat(r.describe()).isEqualTo("2.00x [2.00..2.00]");
    }

    @Test
    void anIntervalThatHoldsOneIsATie() {
        List<Double> a = List.of(9.0, 11.0, 10.0, 12.0, 8.0, 10.0, 11.0);
        List<Double> b = List.of(10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0);
        RoundRatio<String> r = RoundRatio.of(CASE, "simd", a, "onnxruntime", b);
        assertThat(r.median()).isEqualTo(1.0);
        assertThat(r.tie()).isTrue();
        // Ratios 0.9, 1.1, 1.0, 1.2, 0.8, 1.0, 1.1: seven rounds give [x(1), x(7)] at 1 - 2/128.
        assertThat(r.describe()).isEqualTo("1.00x [0.80..1.20] tie");
        assertThat(r.coverage()).isCloseTo(1 - 2.0 / 128, within(1e-12));
    }

    @Test
    void anIntervalWhollyBelowOneIsSlowerNotATie() {
        List<Double> a = List.of(5.0, 6.0, 5.5, 6.5, 5.0, 6.0, 5.5);
        List<Double> b = List.of(10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0);
        RoundRatio<String> r = RoundRatio.of(CASE, "simd", a, "numpy", b);
        assertThat(r.tie()).isFalse();
        assertThat(r.describe()).isEqualTo("0.55x [0.50..0.65]");
    }

    @Test
    void pairingIsByRoundNotBySortedRates() {
        // Sorted separately these would give ratio 1 everywhere; paired by round they alternate 0.5 and 2.
        List<Double> a = List.of(1.0, 4.0, 1.0, 4.0, 1.0, 4.0, 1.0);
        List<Double> b = List.of(2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0);
        RoundRatio<String> r = RoundRatio.of(CASE, "simd", a, "torch-cpu", b);
        assertThat(r.low()).isEqualTo(0.5);
        assertThat(r.high()).isEqualTo(2.0);
        assertThat(r.median()).isEqualTo(0.5);
        assertThat(r.tie()).isTrue();
    }

    @Test
    void smallAndLargeRatiosKeepTheirDigits() {
        List<Double> a = List.of(1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0);
        List<Double> b = List.of(80.0, 81.0, 82.0, 83.0, 84.0, 85.0, 86.0);
        assertThat(RoundRatio.of(CASE, "simd", a, "numpy", b).describe()).isEqualTo("0.0120x [0.0116..0.0125]");
        assertThat(RoundRatio.of(CASE, "numpy", b, "simd", a).describe()).isEqualTo("83.0x [80.0..86.0]");
    }

    @Test
    void noRoundsIsAnError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RoundRatio.of(CASE, "simd", List.of(), "numpy", List.of()))
                .hasMessage("no rounds to compare simd with numpy");
    }
}
