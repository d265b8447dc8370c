package io.densekit.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SyntheticClassificationTest {

    @Test
    void labelsAreClassIndicesSharedAlmostEqually() {
        Dataset d = SyntheticClassification.of(3_000, 5, 3).withInformative(4).withFlipY(0).withSeed(11).generate();
        assertThat(d.x().shape()).containsExactly(3_000, 5);
        assertThat(d.y().shape()).containsExactly(3_000);
        int[] counts = new int[3];
        for (double v : d.y().toDoubleArray()) {
            assertThat(v).isIn(0.0, 1.0, 2.0);
            counts[(int) v]++;
        }
        assertThat(counts).containsExactly(1_000, 1_000, 1_000);
    }

    @Test
    void samplesAreShuffledSoAnOrderedSplitSeesEveryClass() {
        Dataset d = SyntheticClassification.of(1_000, 5, 3).withInformative(4).withSeed(2).generate();
        boolean[] seen = new boolean[3];
        for (int r = 0; r < 30; r++) {
            seen[(int) d.y().getFlat(r)] = true;
        }
        assertThat(seen).containsOnly(true);
    }

    @Test
    void classesAreSeparableWhenFarApart() {
        // With a large separation every sample lies nearest its own class's centroid.
        Dataset d = SyntheticClassification.of(600, 2, 2).withInformative(2).withClustersPerClass(1)
                .withClassSep(50).withFlipY(0).withSeed(5).generate();
        double[][] mean = new double[2][2];
        int[] n = new int[2];
        for (int r = 0; r < 600; r++) {
            int c = (int) d.y().getFlat(r);
            n[c]++;
            mean[c][0] += d.x().get(r, 0);
            mean[c][1] += d.x().get(r, 1);
        }
        int wrong = 0;
        for (int r = 0; r < 600; r++) {
            int c = (int) d.y().getFlat(r);
            double own = dist(d, r, mean[c], n[c]);
            double other = dist(d, r, mean[1 - c], n[1 - c]);
            wrong += own < other ? 0 : 1;
        }
        assertThat(wrong).isZero();
    }

    private static double dist(Dataset d, int r, double[] sum, int n) {
        double a = d.x().get(r, 0) - sum[0] / n;
        double b = d.x().get(r, 1) - sum[1] / n;
        return a * a + b * b;
    }

    @Test
    void sameSeedSameData() {
        SyntheticClassification spec = SyntheticClassification.of(100, 4, 3).withInformative(3).withSeed(9);
        assertThat(spec.generate().x().toDoubleArray()).containsExactly(spec.generate().x().toDoubleArray());
        assertThat(spec.generate().y().toDoubleArray()).containsExactly(spec.generate().y().toDoubleArray());
    }

    @Test
    void rejectsTooManyClustersForTheInformativeFeatures() {
        assertThatThrownBy(() -> SyntheticClassification.of(100, 5, 3).withInformative(2).withClustersPerClass(2))
                .hasMessageContaining("hypercube vertices");
        assertThatThrownBy(() -> SyntheticClassification.of(100, 5, 1)).hasMessageContaining("at least 2");
    }
}
