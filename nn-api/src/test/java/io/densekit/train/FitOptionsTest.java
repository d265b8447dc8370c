package io.densekit.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.densekit.data.Dataset;
import io.densekit.kernel.AdamParams;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.SgdParams;
import io.densekit.tensor.RandomTensors;
import io.densekit.kernel.reference.ReferenceKernel;
import io.densekit.nn.Sequential;
import io.densekit.optim.Adam;
import io.densekit.optim.Optimizer;
import io.densekit.optim.Sgd;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import org.junit.jupiter.api.Test;

class FitOptionsTest {
    private final ReferenceKernel k = new ReferenceKernel();

    @Test
    void theDefaultsArePlainSgdAtLr001TenEpochsOfBatch32InOrder() {
        FitOptions o = FitOptions.builder(LossKind.MSE).build();
        assertThat(o.epochs()).isEqualTo(10);
        assertThat(o.batch()).isEqualTo(32);
        assertThat(o.optimizer()).isEqualTo(new OptimizerSpec.SgdSpec(new SgdParams(0.01, 0, 0, false, 0)));
        assertThat(o.shuffle()).isFalse();
        assertThat(o.listener()).isSameAs(TrainingListener.NONE);
    }

    @Test
    void adamDefaultsAreTorchs() {
        assertThat(OptimizerSpec.adam(1e-3)).isEqualTo(new OptimizerSpec.AdamSpec(new AdamParams(1e-3, 0.9, 0.999, 1e-8, 0)));
        assertThat(OptimizerSpec.adam(1e-3).lr()).isEqualTo(1e-3);
    }

    @Test
    void eachSpecCreatesItsOptimizerWithItsParams() {
        SgdParams sgd = new SgdParams(0.05, 0.9, 0, true, 1e-4);
        AdamParams adam = new AdamParams(2e-3, 0.8, 0.99, 1e-7, 0.01);
        try (Optimizer s = OptimizerSpec.sgd(sgd).create(k); Optimizer a = OptimizerSpec.adam(adam).create(k)) {
            assertThat(s).isInstanceOf(Sgd.class);
            assertThat(((Sgd) s).params()).isEqualTo(sgd);
            assertThat(a).isInstanceOf(Adam.class);
            assertThat(a.describe()).isEqualTo("adam(lr=0.002, betas=(0.8, 0.99), eps=1.0E-7, weight_decay=0.01)");
        }
    }

    @Test
    void badSettingsFailWhenBuiltWithOneLineEach() {
        assertThatThrownBy(() -> FitOptions.builder(LossKind.MSE).optimizer(null).build())
                .isInstanceOf(NullPointerException.class).hasMessage("optimizer is null; expected e.g. OptimizerSpec.sgd(0.01)");
        assertThatThrownBy(() -> FitOptions.builder(null).build())
                .isInstanceOf(NullPointerException.class).hasMessage("loss is null; expected e.g. LossKind.MSE");
        assertThatThrownBy(() -> OptimizerSpec.sgd(new SgdParams(0.1, 0, 0, true, 0)))
                .hasMessage("Nesterov momentum requires a momentum > 0 and zero dampening");
        assertThatThrownBy(() -> OptimizerSpec.adam(new AdamParams(0.1, 1, 0.999, 1e-8, 0)))
                .hasMessageContaining("Adam betas must lie in [0, 1)");
    }

    @Test
    void withoutValidationTheHistoryHasNoValidLossesAndTheSameTrainLosses() {
        RandomTensors rnd = new RandomTensors(8);
        HostTensor x = rnd.normalish(DType.F64, 40, 3);
        HostTensor y = rnd.normalish(DType.F64, 40, 2);
        FitOptions o = FitOptions.builder(LossKind.MSE).epochs(3).batch(16).optimizer(OptimizerSpec.adam(0.01)).build();
        History alone;
        History validated;
        try (Sequential m = Sequential.of("3,4:tanh,2", k, DType.F64, 5)) {
            alone = new Trainer(m).fit(new Dataset(x, y), o);
        }
        try (Sequential m = Sequential.of("3,4:tanh,2", k, DType.F64, 5)) {
            validated = new Trainer(m).fit(new Dataset(x, y), new Dataset(x.rowSlice(0, 10), y.rowSlice(0, 10)), o);
        }
        assertThat(alone.validLoss()).isEmpty();
        assertThat(validated.validLoss()).hasSize(3);
        assertThat(validated.trainLoss()).isEqualTo(alone.trainLoss());
    }

    @Test
    void aNullTrainingSetIsRefusedByName() {
        try (Sequential m = Sequential.of("3,2", k, DType.F64, 1)) {
            assertThatThrownBy(() -> new Trainer(m).fit(null, FitOptions.builder(LossKind.MSE).build()))
                    .isInstanceOf(NullPointerException.class).hasMessage("train is null; expected a Dataset to fit");
        }
    }
}
