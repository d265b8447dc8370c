package io.densekit.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.densekit.data.Dataset;
import io.densekit.kernel.LossKind;
import io.densekit.tensor.RandomTensors;
import io.densekit.kernel.reference.ReferenceKernel;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.ShapeException;
import io.densekit.train.FitOptions;
import io.densekit.train.History;
import io.densekit.train.OptimizerSpec;
import io.densekit.train.Trainer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SequentialTest {
    private final ReferenceKernel k = new ReferenceKernel();

    @Test
    void stateDictUsesPyTorchSequentialNames() {
        Sequential m = Sequential.of("6,32:tanh,32:softmax,4,3:relu", k, DType.F64, 1);
        // nn.Sequential(Linear, Tanh, Linear, Softmax, Linear, Linear, ReLU)
        assertThat(m.state().export().keySet()).containsExactly(
                "0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias", "5.weight", "5.bias");
        assertThat(m.state().export().get("0.weight").shape()).containsExactly(32, 6);
        assertThat(m.state().export().get("5.bias").shape()).containsExactly(3);
    }

    @Test
    void initialisationFollowsNnLinearBoundsAndIsSeeded() {
        Sequential a = Sequential.of("16,8", k, DType.F64, 42);
        Sequential b = Sequential.of("16,8", k, DType.F64, 42);
        Sequential c = Sequential.of("16,8", k, DType.F64, 43);
        double[] w = a.state().export().get("0.weight").toDoubleArray();
        assertThat(java.util.Arrays.stream(w).map(Math::abs).max().orElseThrow()).isLessThanOrEqualTo(0.25);
        assertThat(w).isEqualTo(b.state().export().get("0.weight").toDoubleArray());
        assertThat(w).isNotEqualTo(c.state().export().get("0.weight").toDoubleArray());
    }

    @Test
    void stateDictRoundTripsAndTakesPairsInIndexOrder() {
        Sequential src = Sequential.of("3,4:relu,2", k, DType.F64, 5);
        Map<String, HostTensor> state = src.state().export();
        // Same Linear shapes, other module indices (as if saved from a model with more activations).
        Map<String, HostTensor> renamed = new LinkedHashMap<>();
        renamed.put("net.1.weight", state.get("0.weight"));
        renamed.put("net.1.bias", state.get("0.bias"));
        renamed.put("net.10.weight", state.get("2.weight"));
        renamed.put("net.10.bias", state.get("2.bias"));
        Sequential dst = Sequential.of("3,4:relu,2", k, DType.F64, 6);
        dst.state().load(renamed);
        HostTensor x = new RandomTensors(1).normalish(DType.F64, 5, 3);
        assertThat(dst.predict(x).toDoubleArray()).containsExactly(src.predict(x).toDoubleArray());
        // Loading into a float32 model rounds each weight once.
        Sequential f32 = Sequential.of("3,4:relu,2", k, DType.F32, 6);
        f32.state().load(state);
        assertThat(f32.state().export().get("2.weight").toDoubleArray())
                .containsExactly(state.get("2.weight").to(DType.F32).toDoubleArray());
    }

    @Test
    void loadingRejectsMismatchedWeightsAndLeavesTheModelUnchanged() {
        Sequential m = Sequential.of("3,4:relu,2", k, DType.F64, 5);
        Map<String, HostTensor> before = m.state().export();
        Map<String, HostTensor> bad = new LinkedHashMap<>(before);
        bad.put("2.weight", HostTensor.zeros(DType.F64, 2, 5));
        assertThatThrownBy(() -> m.state().load(bad)).isInstanceOf(ShapeException.class)
                .hasMessageContaining("2.weight has shape [2, 5], expected [2, 4]");
        assertThat(m.state().export().get("0.weight").toDoubleArray()).isEqualTo(before.get("0.weight").toDoubleArray());

        Map<String, HostTensor> missing = new LinkedHashMap<>(before);
        missing.remove("2.bias");
        assertThatThrownBy(() -> m.state().load(missing)).hasMessageContaining("layer 2 has no bias");
        Map<String, HostTensor> extra = new LinkedHashMap<>(before);
        extra.put("4.weight", HostTensor.zeros(DType.F64, 2, 2));
        assertThatThrownBy(() -> m.state().load(extra)).hasMessageContaining("the model has 2 Dense layers");
        Map<String, HostTensor> junk = Map.of("classifier", HostTensor.zeros(DType.F64, 2));
        assertThatThrownBy(() -> m.state().load(junk)).hasMessageContaining("unexpected tensor 'classifier'");
    }

    @Test
    void fitReducesTheLossOfALearnableProblem() {
        RandomTensors rnd = new RandomTensors(3);
        HostTensor x = rnd.normalish(DType.F64, 200, 4);
        HostTensor y = HostTensor.zeros(DType.F64, 200, 1);
        for (int i = 0; i < 200; i++) {
            y.set(i, 0, 2 * x.get(i, 0) - x.get(i, 1) + 0.5);
        }
        Sequential m = Sequential.of("4,1", k, DType.F64, 9);
        History h = new Trainer(m).fit(new Dataset(x, y), new Dataset(x, y), FitOptions.builder(LossKind.MSE)
                .epochs(30).batch(16).optimizer(OptimizerSpec.sgd(0.05)).build());
        assertThat(h.trainLoss()).hasSize(30);
        assertThat(h.validLoss()).hasSize(30);
        assertThat(h.validLoss().getLast()).isLessThan(1e-6);
        assertThat(m.evaluate(x, y, LossKind.MSE)).isEqualTo(h.validLoss().getLast());
    }

    @Test
    void shuffledTrainingIsReproducibleAndDiffersFromInOrder() {
        RandomTensors rnd = new RandomTensors(4);
        HostTensor x = rnd.normalish(DType.F64, 50, 3);
        HostTensor y = rnd.classIndices(DType.F64, 50, 3);
        double[] a = trainShuffled(x, y, true);
        double[] b = trainShuffled(x, y, true);
        double[] c = trainShuffled(x, y, false);
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    private double[] trainShuffled(HostTensor x, HostTensor y, boolean shuffle) {
        Sequential m = Sequential.of("3,5:tanh,3", k, DType.F64, 1);
        new Trainer(m).fit(new Dataset(x, y), FitOptions.builder(LossKind.CROSS_ENTROPY).epochs(3).batch(8)
                .optimizer(OptimizerSpec.sgd(0.1)).shuffle(shuffle, 77).build());
        return m.state().export().get("0.weight").toDoubleArray();
    }

    @Test
    void badTrainingInputIsRejectedBeforeTraining() {
        Sequential m = Sequential.of("3,2", k, DType.F64, 1);
        HostTensor x = HostTensor.zeros(DType.F64, 10, 3);
        FitOptions ce = FitOptions.builder(LossKind.CROSS_ENTROPY).build();
        assertThatThrownBy(() -> new Trainer(m).fit(new Dataset(HostTensor.zeros(DType.F64, 10, 4), HostTensor.zeros(DType.F64, 10)), ce))
                .isInstanceOf(ShapeException.class).hasMessageContaining("expected [n, 3]");
        assertThatThrownBy(() -> new Dataset(x, HostTensor.zeros(DType.F64, 9)))
                .hasMessageContaining("y has 9 samples but x has 10");
        assertThatThrownBy(() -> new Trainer(m).fit(new Dataset(x, HostTensor.zeros(DType.F64, 10, 3)), ce))
                .hasMessageContaining("targets have shape [10, 3], expected [10, 2] (the model's outputs)");
        assertThatThrownBy(() -> new Trainer(m).fit(new Dataset(x, HostTensor.zeros(DType.F64, 10)),
                new Dataset(HostTensor.zeros(DType.F64, 4, 5), HostTensor.zeros(DType.F64, 4)), ce))
                .isInstanceOf(ShapeException.class).hasMessageContaining("validation x has shape [4, 5], expected [n, 3]");
        HostTensor labels = HostTensor.zeros(DType.F64, 10);
        labels.setFlat(4, 2);
        assertThatThrownBy(() -> new Trainer(m).fit(new Dataset(x, labels), ce))
                .hasMessageContaining("class index 2.0 in row 4 is out of range");
        assertThatThrownBy(() -> FitOptions.builder(LossKind.MSE).batch(0).build()).hasMessageContaining("batch size must be positive");
        assertThatThrownBy(() -> FitOptions.builder(LossKind.MSE).epochs(-1).build()).hasMessageContaining("epochs must be positive");
        assertThatThrownBy(() -> OptimizerSpec.sgd(0)).hasMessageContaining("learning rate must be positive");
        assertThatThrownBy(() -> OptimizerSpec.adam(-1e-3)).hasMessageContaining("learning rate must be positive");
    }
}
