package io.densekit.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SplitTest {

    /** x row i is (i, -i); y[i] = i. */
    private static Dataset numbered(int n) {
        HostTensor x = HostTensor.zeros(DType.F64, n, 2);
        HostTensor y = HostTensor.zeros(DType.F64, n);
        for (int i = 0; i < n; i++) {
            x.set(i, 0, i);
            x.set(i, 1, -i);
            y.setFlat(i, i);
        }
        return new Dataset(x, y);
    }

    @Test
    void orderedKeepsTheFirstRowsForTraining() {
        Split s = Split.ordered(numbered(10), 7);
        assertThat(s.train().y().toDoubleArray()).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(s.valid().y().toDoubleArray()).containsExactly(7, 8, 9);
        assertThat(s.valid().x().get(0, 1)).isEqualTo(-7);
    }

    @Test
    void shuffledIsASeededPermutationThatKeepsRowsTogether() {
        Split s = Split.shuffled(numbered(50), 40, 3);
        double[] all = new double[50];
        System.arraycopy(s.train().y().toDoubleArray(), 0, all, 0, 40);
        System.arraycopy(s.valid().y().toDoubleArray(), 0, all, 40, 10);
        assertThat(all).isNotEqualTo(numbered(50).y().toDoubleArray());
        double[] sorted = all.clone();
        Arrays.sort(sorted);
        assertThat(sorted).containsExactly(numbered(50).y().toDoubleArray());
        for (int r = 0; r < 40; r++) {
            assertThat(s.train().x().get(r, 0)).isEqualTo(s.train().y().getFlat(r));
            assertThat(s.train().x().get(r, 1)).isEqualTo(-s.train().y().getFlat(r));
        }
        assertThat(Split.shuffled(numbered(50), 40, 3).train().y().toDoubleArray())
                .containsExactly(s.train().y().toDoubleArray());
    }

    @Test
    void rejectsMoreTrainingRowsThanThereAre() {
        assertThatThrownBy(() -> Split.ordered(numbered(5), 6)).hasMessageContaining("cannot take 6");
    }

    @Test
    void datasetRejectsDifferentSampleCounts() {
        assertThatThrownBy(() -> new Dataset(HostTensor.zeros(DType.F64, 4, 2), HostTensor.zeros(DType.F64, 3)))
                .hasMessageContaining("y has 3 samples but x has 4");
    }
}
