package io.densekit.bench.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.densekit.tensor.DType;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundRatioTest {
    private static final InferenceCase CASE = new InferenceCase(InferenceModel.named("seed"), DType.F32, 1, 1);

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
        RoundRatio r = RoundRatio.of(CASE, "simd", a, "onnxruntime", b);
        // Ratios by round: 1, 3, 2, then 2 eight times: sorted 1, 2 x 9, 3.
        assertThat(r.median()).isEqualTo(2.0);
        assertThat(r.low()).isEqualTo(2.0);
        assertThat(r.high()).isEqualTo(2.0);
        assertThat(r.coverage()).isCloseTo(1 - 24.0 / 2048, within(1e-12));
        assertThat(r.tie()).isFalse();
    }

    @Test
    void anIntervalThatHoldsOneIsATie() {
        List<Double> a = List.of(9.0, 11.0, 10.0, 12.0, 8.0, 10.0, 11.0);
        List<Double> b = List.of(10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0);
        RoundRatio r = RoundRatio.of(CASE, "simd", a, "onnxruntime", b);
        assertThat(r.median()).isEqualTo(1.0);
        assertThat(r.tie()).isTrue();
    }
}
