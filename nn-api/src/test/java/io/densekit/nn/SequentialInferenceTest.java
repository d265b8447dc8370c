package io.densekit.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.densekit.data.Dataset;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.reference.ReferenceKernel;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.ShapeException;
import io.densekit.train.FitOptions;
import io.densekit.train.OptimizerSpec;
import io.densekit.train.Trainer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The inference path's chunks, and the calls the model's gate refuses. */
class SequentialInferenceTest {
    private final ReferenceKernel k = new ReferenceKernel();

    private static HostTensor inputs(int rows, int cols) {
        HostTensor x = HostTensor.zeros(DType.F32, rows, cols);
        for (int i = 0; i < x.size(); i++) {
            x.setFlat(i, Math.sin(0.37 * i));
        }
        return x;
    }

    @Test
    void moreRowsThanAChunkGiveEachChunksOwnPrediction() {
        try (Sequential m = Sequential.of("3,4:tanh,2", k, DType.F32, 1)) {
            int n = Sequential.CHUNK + 5;
            HostTensor x = inputs(n, 3);
            HostTensor all = m.predict(x);
            HostTensor head = m.predict(x.rowSlice(0, Sequential.CHUNK));
            HostTensor tail = m.predict(x.rowSlice(Sequential.CHUNK, n));
            assertThat(ModelConcurrencySuite.bits(all.rowSlice(0, Sequential.CHUNK))).isEqualTo(ModelConcurrencySuite.bits(head));
            assertThat(ModelConcurrencySuite.bits(all.rowSlice(Sequential.CHUNK, n))).isEqualTo(ModelConcurrencySuite.bits(tail));
            HostTensor y = HostTensor.zeros(DType.F32, n, 2);
            double whole = m.evaluate(x, y, LossKind.MSE);
            double byChunks = (0 + m.evaluate(x.rowSlice(0, Sequential.CHUNK), y.rowSlice(0, Sequential.CHUNK), LossKind.MSE)
                    * Sequential.CHUNK + m.evaluate(x.rowSlice(Sequential.CHUNK, n), y.rowSlice(Sequential.CHUNK, n),
                    LossKind.MSE) * 5) / n;
            assertThat(whole).isEqualTo(byChunks);
        }
    }

    @Test
    void anInputOfTheWrongWidthIsRefusedBeforeAnythingIsBuilt() {
        try (Sequential m = Sequential.of("3,2", k, DType.F64, 2)) {
            assertThatThrownBy(() -> m.predict(inputs(4, 5))).isInstanceOf(ShapeException.class)
                    .hasMessage("x has shape [4, 5], expected [n, 3] for this model");
            assertThat(m.inferencePool().created()).isZero();
        }
    }

    @Test
    void loadingWeightsWhileInferenceRunsIsRefused() {
        try (Sequential m = Sequential.of("3,2", k, DType.F64, 3)) {
            Map<String, HostTensor> weights = m.state().export();
            m.gate().enter("predict"); // an inference call in flight
            try {
                assertThatThrownBy(() -> m.state().load(weights)).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("load: the model (3 -> 2) is serving 1 inference call");
            } finally {
                m.gate().exit();
            }
            m.state().load(weights);
        }
    }

    @Test
    void aClosedModelRefusesEveryCallWithOneLine() {
        Sequential m = Sequential.of("3,2", k, DType.F32, 4);
        m.close();
        m.close();
        HostTensor x = inputs(2, 3);
        assertThatThrownBy(() -> m.predict(x)).hasMessage("predict: the model (3 -> 2) is closed");
        assertThatThrownBy(() -> m.predict(new float[3])).hasMessage("predict: the model (3 -> 2) is closed");
        assertThatThrownBy(() -> m.accuracy(x, HostTensor.zeros(DType.F32, 2, 1)))
                .hasMessage("accuracy: the model (3 -> 2) is closed");
        assertThatThrownBy(() -> m.state().export()).hasMessage("export: the model (3 -> 2) is closed");
        FitOptions o = FitOptions.builder(LossKind.MSE).epochs(1).batch(2).optimizer(OptimizerSpec.sgd(0.1)).build();
        assertThatThrownBy(() -> new Trainer(m).fit(new Dataset(x, HostTensor.zeros(DType.F32, 2, 2)), o))
                .isInstanceOf(IllegalStateException.class).hasMessage("fit: the model (3 -> 2) is closed");
    }
}
