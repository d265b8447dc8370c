package io.densekit.io;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import org.junit.jupiter.api.Test;

class DataChecksTest {

    @Test
    void namesTheFirstNonFiniteValueAndCountsTheRest() {
        HostTensor t = HostTensor.zeros(DType.F64, 20, 5);
        t.set(12, 3, Double.NaN);
        t.set(15, 0, Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> DataChecks.requireFinite(t, "X.npy"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("X.npy: row 12, column 3 (0-based) is NaN (and 1 more non-finite values); the data must be finite");
        t.set(12, 3, 0);
        assertThatThrownBy(() -> DataChecks.requireFinite(t, "X.npy"))
                .hasMessage("X.npy: row 15, column 0 (0-based) is Infinity; the data must be finite");
    }

    @Test
    void handlesVectorsFloat32AndSlices() {
        HostTensor v = HostTensor.vector(DType.F32, 1, 2, Double.NEGATIVE_INFINITY);
        assertThatThrownBy(() -> DataChecks.requireFinite(v, "y.csv"))
                .hasMessage("y.csv: element 2 (0-based) is -Infinity; the data must be finite");
        HostTensor m = HostTensor.wrap(new double[] {Double.NaN, 1, 2, 3}, 2, 2);
        assertThatCode(() -> DataChecks.requireFinite(m.rowSlice(1, 2), "m")).doesNotThrowAnyException();
        assertThatCode(() -> DataChecks.requireFinite(HostTensor.zeros(DType.F64, 0, 3), "e")).doesNotThrowAnyException();
    }
}
