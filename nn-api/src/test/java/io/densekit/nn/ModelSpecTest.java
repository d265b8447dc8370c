package io.densekit.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.densekit.kernel.Activation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelSpecTest {

    @Test
    void parsesTheSeedMlp() {
        ModelSpec s = ModelSpec.parse("6,32:tanh,32:softmax,32:sigmoid,32:relu,3");
        assertThat(s.inputWidth()).isEqualTo(6);
        assertThat(s.layers()).extracting(ModelSpec.LayerSpec::activation).containsExactly(
                Activation.TANH, Activation.SOFTMAX, Activation.SIGMOID, Activation.RELU, Activation.IDENTITY);
        assertThat(s.outputWidth()).isEqualTo(3);
        assertThat(s.toString()).isEqualTo("6,32:tanh,32:softmax,32:sigmoid,32:relu,3");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "6,32:swish,3|unknown activation 'swish'",
        "6|has no layer",
        "0,3|must be a positive width",
        "6,x,3|entry 1 ('x') must be a positive width",
        "6:relu,3|takes no activation",
        "6,,3|entry 1",
        "6,-2|must be a positive width",
    })
    void rejectsBadSpecsWithAClearMessage(String spec, String message) {
        assertThatThrownBy(() -> ModelSpec.parse(spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
