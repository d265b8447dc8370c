package io.densekit.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.densekit.tensor.HostTensor;
import org.junit.jupiter.api.Test;

class SyntheticRegressionTest {

    @Test
    void shapesFollowTheParameters() {
        SyntheticRegression.Result r = SyntheticRegression.of(50, 6).withTargets(3).withInformative(5).generate();
        assertThat(r.data().x().shape()).containsExactly(50, 6);
        assertThat(r.data().y().shape()).containsExactly(50, 3);
        assertThat(r.coefficients().shape()).containsExactly(6, 3);
    }

    @Test
    void sameSeedSameDataOtherSeedOtherData() {
        SyntheticRegression spec = SyntheticRegression.of(20, 3).withNoise(1).withBias(0.5).withSeed(7);
        assertThat(spec.generate().data().y().toDoubleArray()).containsExactly(spec.generate().data().y().toDoubleArray());
        assertThat(spec.withSeed(8).generate().data().x().toDoubleArray())
                .isNotEqualTo(spec.generate().data().x().toDoubleArray());
    }

    @Test
    void withoutNoiseTargetsAreExactlyLinearInTheInformativeFeatures() {
        SyntheticRegression.Result r = SyntheticRegression.of(30, 6).withTargets(2).withInformative(4).withBias(2.5)
                .withSeed(3).generate();
        HostTensor coef = r.coefficients();
        int zeroRows = 0;
        for (int f = 0; f < 6; f++) {
            boolean zero = coef.get(f, 0) == 0 && coef.get(f, 1) == 0;
            zeroRows += zero ? 1 : 0;
            for (int t = 0; t < 2; t++) {
                assertThat(coef.get(f, t)).isBetween(0.0, 100.0);
            }
        }
        assertThat(zeroRows).isEqualTo(2);
        HostTensor x = r.data().x();
        for (int row = 0; row < 30; row++) {
            for (int t = 0; t < 2; t++) {
                double expected = 2.5;
                for (int f = 0; f < 6; f++) {
                    expected += x.get(row, f) * coef.get(f, t);
                }
                assertThat(r.data().y().get(row, t)).isCloseTo(expected, within(1e-9));
            }
        }
    }

    @Test
    void noiseHasTheRequestedStandardDeviation() {
        SyntheticRegression.Result r = SyntheticRegression.of(20_000, 2).withNoise(3).withSeed(1).generate();
        double sum = 0;
        double sumSq = 0;
        for (int row = 0; row < 20_000; row++) {
            double fit = r.data().x().get(row, 0) * r.coefficients().get(0, 0)
                    + r.data().x().get(row, 1) * r.coefficients().get(1, 0);
            double e = r.data().y().get(row, 0) - fit;
            sum += e;
            sumSq += e * e;
        }
        double mean = sum / 20_000;
        assertThat(mean).isCloseTo(0, within(0.1));
        assertThat(Math.sqrt(sumSq / 20_000 - mean * mean)).isCloseTo(3, within(0.1));
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> SyntheticRegression.of(0, 3)).hasMessageContaining("samples must be positive");
        assertThatThrownBy(() -> SyntheticRegression.of(10, 3).withInformative(4)).hasMessageContaining("informative");
        assertThatThrownBy(() -> SyntheticRegression.of(10, 3).withNoise(-1)).hasMessageContaining("noise");
        assertThatThrownBy(() -> SyntheticRegression.of(10, 3).withBias(Double.NaN)).hasMessageContaining("bias");
    }
}
