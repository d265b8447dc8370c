package io.densekit.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The version changes on every way of writing a tensor, through any view, and on nothing that only reads. */
class HostTensorVersionTest {

    static Stream<Named<Consumer<HostTensor>>> writes() {
        return Stream.of(
                Named.of("set", t -> t.set(1, 2, 3)),
                Named.of("setFlat", t -> t.setFlat(4, 3)),
                Named.of("floatArray", t -> t.floatArray()),
                Named.of("markModified", HostTensor::markModified),
                Named.of("copyInto it", t -> HostTensor.zeros(DType.F32, 3, 4).copyInto(t)),
                Named.of("copyRowInto it", t -> HostTensor.zeros(DType.F32, 1, 4).copyRowInto(0, t, 2)),
                Named.of("set through a row slice", t -> t.rowSlice(1, 2).set(0, 0, 1)),
                Named.of("setFlat through a reshape", t -> t.reshape(12).setFlat(0, 1)),
                Named.of("floatArray of a view", t -> t.rowSlice(0, 3).reshape(4, 3).floatArray()));
    }

    @ParameterizedTest
    @MethodSource("writes")
    void everyWriteChangesTheVersionOfTheTensorAndItsViews(Consumer<HostTensor> write) {
        HostTensor t = HostTensor.zeros(DType.F32, 3, 4);
        HostTensor view = t.rowSlice(0, 2);
        long before = t.version();
        write.accept(t);
        assertThat(t.version()).isNotEqualTo(before);
        assertThat(view.version()).isEqualTo(t.version());
    }

    @Test
    void readingLeavesTheVersionAlone() {
        HostTensor t = HostTensor.wrap(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        long before = t.version();
        t.get(1, 1);
        t.getFlat(2);
        t.doubleArrayForReading();
        t.toDoubleArray();
        t.toDoubleMatrix();
        t.copy();
        t.to(DType.F32);
        t.copyInto(HostTensor.zeros(DType.F64, 6));
        t.copyRowInto(0, HostTensor.zeros(DType.F64, 1, 3), 0);
        t.rowSlice(0, 1);
        t.toString();
        assertThat(t.version()).isEqualTo(before);
    }

    @Test
    void copiesAndSeparateTensorsHaveTheirOwnVersions() {
        HostTensor t = HostTensor.zeros(DType.F64, 2, 2);
        HostTensor copy = t.copy();
        long before = copy.version();
        t.set(0, 0, 1);
        assertThat(copy.version()).isEqualTo(before);
    }

    @Test
    void theKernelCacheBelongsToOneTensorObject() {
        HostTensor t = HostTensor.zeros(DType.F32, 2, 2);
        Object packed = new Object();
        t.setKernelCache(packed);
        assertThat(t.kernelCache()).isSameAs(packed);
        assertThat(t.reshape(4).kernelCache()).isNull();
        assertThat(t.copy().kernelCache()).isNull();
    }
}
