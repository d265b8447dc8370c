package io.densekit.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.densekit.kernel.reference.ReferenceKernel;
import io.densekit.tensor.DType;
import io.densekit.tensor.DTypeException;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.ShapeException;
import org.junit.jupiter.api.Test;

/** The one-row forms of predict: the bits of a one-row tensor, clear refusals, NaN through as in PyTorch. */
class RowPredictTest {
    private final ReferenceKernel k = new ReferenceKernel();

    @Test
    void aRowGivesTheBitsOfAOneRowTensorInEitherDtype() {
        try (Sequential f = Sequential.of("4,8:tanh,3:softmax", k, DType.F32, 1);
             Sequential d = Sequential.of("4,8:tanh,3:softmax", k, DType.F64, 1)) {
            float[] rf = {0.5f, -1.25f, 2f, 0.1f};
            double[] rd = {0.5, -1.25, 2, 0.1};
            assertThat(f.predict(rf)).isEqualTo(f.predict(HostTensor.wrap(rf.clone(), 1, 4)).floatArray());
            assertThat(d.predict(rd)).isEqualTo(d.predict(HostTensor.wrap(rd.clone(), 1, 4)).doubleArray());
            float[] out = new float[3];
            f.predict(rf, out);
            assertThat(out).isEqualTo(f.predict(rf));
            assertThat(rf).as("the row is not written").containsExactly(0.5f, -1.25f, 2f, 0.1f);
        }
    }

    @Test
    void aRowOfTheWrongWidthIsOneClearLineAndBuildsNothing() {
        try (Sequential m = Sequential.of("4,3", k, DType.F64, 2)) {
            assertThatThrownBy(() -> m.predict(new double[5])).isInstanceOf(ShapeException.class)
                    .hasMessage("predict: the row has 5 values, expected 4 (the model's input width)");
            assertThatThrownBy(() -> m.predict(new double[4], new double[2])).isInstanceOf(ShapeException.class)
                    .hasMessage("predict: out has 2 values, expected 3 (the model's output width)");
            assertThat(m.inferencePool().created()).isZero();
        }
    }

    @Test
    void anArrayOfTheOtherDtypeIsRefusedNamingTheRightOne() {
        try (Sequential f = Sequential.of("4,3", k, DType.F32, 3); Sequential d = Sequential.of("4,3", k, DType.F64, 3)) {
            assertThatThrownBy(() -> d.predict(new float[4])).isInstanceOf(DTypeException.class)
                    .hasMessage("predict: this model computes in f64; pass its rows as double[] (or build the model in f32)");
            assertThatThrownBy(() -> f.predict(new double[4], new double[3])).isInstanceOf(DTypeException.class)
                    .hasMessage("predict: this model computes in f32; pass its rows as float[] (or build the model in f64)");
        }
    }

    @Test
    void nanInputsFlowThroughAsInPyTorch() {
        // torch: Linear(NaN) is NaN in every output, tanh(NaN) = NaN.
        try (Sequential m = Sequential.of("3,4:tanh,2", k, DType.F64, 4)) {
            double[] out = m.predict(new double[] {1, Double.NaN, 0});
            assertThat(java.util.Arrays.stream(out).allMatch(Double::isNaN)).as(java.util.Arrays.toString(out)).isTrue();
            assertThat(out).hasSize(2);
            assertThat(java.util.Arrays.stream(m.predict(new double[] {1, 2, 0})).noneMatch(Double::isNaN)).isTrue();
        }
    }
}
