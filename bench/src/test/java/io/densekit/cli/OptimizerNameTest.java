package io.densekit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.densekit.kernel.AdamParams;
import io.densekit.kernel.SgdParams;
import io.densekit.train.OptimizerSpec;
import org.junit.jupiter.api.Test;

class OptimizerNameTest {

    @Test
    void sgdTakesMomentumAndWeightDecayAndLeavesTheRestAtTorchsDefaults() {
        assertThat(OptimizerName.SGD.spec(0.1, 0.9, 0.01))
                .isEqualTo(OptimizerSpec.sgd(new SgdParams(0.1, 0.9, 0, false, 0.01)));
    }

    @Test
    void adamTakesWeightDecayWithTorchsBetasAndEps() {
        assertThat(OptimizerName.ADAM.spec(1e-3, 0, 0.01))
                .isEqualTo(OptimizerSpec.adam(new AdamParams(1e-3, 0.9, 0.999, 1e-8, 0.01)));
        assertThat(OptimizerName.ADAM.spec(1e-3, 0, 0)).isEqualTo(OptimizerSpec.adam(1e-3));
    }

    @Test
    void namesParseInAnyCaseAndPrintInLowerCase() {
        assertThat(OptimizerName.parse(" Adam ")).isEqualTo(OptimizerName.ADAM);
        assertThat(OptimizerName.SGD).hasToString("sgd");
        assertThatThrownBy(() -> OptimizerName.parse("rmsprop")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown optimizer 'rmsprop'; expected sgd or adam");
    }
}
