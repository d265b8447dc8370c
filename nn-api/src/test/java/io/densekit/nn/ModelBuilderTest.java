package io.densekit.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.densekit.kernel.Activation;
import io.densekit.kernel.reference.ReferenceKernel;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ModelBuilderTest {
    private final ReferenceKernel k = new ReferenceKernel();

    @ParameterizedTest
    @EnumSource(DType.class)
    void theBuilderMakesTheModelOfTheSameSpecString(DType dtype) {
        try (Sequential built = Sequential.builder(784).dense(128, Activation.RELU).dense(10).build(k, dtype, 42);
             Sequential parsed = Sequential.of("784,128:relu,10", k, dtype, 42)) {
            assertThat(built.spec().toString()).isEqualTo("784,128:relu,10");
            assertThat(built.spec()).isEqualTo(parsed.spec());
            assertThat(built.summary()).isEqualTo(parsed.summary());
            Map<String, HostTensor> want = parsed.state().export();
            Map<String, HostTensor> got = built.state().export();
            assertThat(got.keySet()).containsExactlyElementsOf(want.keySet());
            want.forEach((name, t) -> assertThat(ModelConcurrencySuite.bits(got.get(name)))
                    .as(name).isEqualTo(ModelConcurrencySuite.bits(t)));
        }
    }

    @Test
    void everyActivationReadsBackFromTheSpecString() {
        ModelBuilder b = Sequential.builder(6);
        for (Activation a : Activation.values()) {
            b.dense(4, a);
        }
        ModelSpec spec = b.dense(2).spec();
        assertThat(ModelSpec.parse(spec.toString())).isEqualTo(spec);
        assertThat(spec.layers()).hasSize(Activation.values().length + 1);
    }

    @Test
    void badLayersAreNamedWhenTheyAreAdded() {
        assertThatThrownBy(() -> Sequential.builder(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the input width must be positive, got 0");
        assertThatThrownBy(() -> Sequential.builder(4).dense(3).dense(-2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("layer 2: the width must be positive, got -2");
        assertThatThrownBy(() -> Sequential.builder(4).dense(3, null)).isInstanceOf(NullPointerException.class)
                .hasMessageStartingWith("layer 1: activation is null; use Activation.IDENTITY");
        assertThatThrownBy(() -> Sequential.builder(4).build(k, DType.F32, 1)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the model has no layer; add one with dense(units) before building");
    }

    @Test
    void aSpecRefusesWidthsTheParserWouldRefuse() {
        assertThatThrownBy(() -> new ModelSpec.LayerSpec(0, Activation.RELU))
                .hasMessage("a layer's width must be positive, got 0");
        assertThatThrownBy(() -> new ModelSpec(-1, java.util.List.of()))
                .hasMessage("the input width must be positive, got -1");
    }
}
