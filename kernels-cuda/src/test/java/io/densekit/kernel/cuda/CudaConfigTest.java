package io.densekit.kernel.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CudaConfigTest {
    private static CudaConfig of(Map<String, String> props, Map<String, String> env) {
        return CudaConfig.from(props::get, env::get);
    }

    @Test
    void defaultsToTheFirstGpuWithTf32Off() {
        CudaConfig c = of(Map.of(), Map.of());
        assertThat(c).isEqualTo(new CudaConfig(0, false));
        assertThat(c.mathMode()).startsWith("tf32 off").contains("densekit.cuda.tf32=true");
    }

    @Test
    void aPropertyWinsOverTheEnvironment() {
        CudaConfig c = of(Map.of("densekit.cuda.tf32", "false", "densekit.cuda.device", "1"),
                Map.of("DENSEKIT_CUDA_TF32", "true", "DENSEKIT_CUDA_DEVICE", "3"));
        assertThat(c).isEqualTo(new CudaConfig(1, false));
        assertThat(of(Map.of(), Map.of("DENSEKIT_CUDA_TF32", "1")).tf32()).isTrue();
        assertThat(of(Map.of("densekit.cuda.tf32", "true"), Map.of()).mathMode()).startsWith("tf32 on");
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> of(Map.of("densekit.cuda.device", "gpu0"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'gpu0'");
        assertThatThrownBy(() -> of(Map.of("densekit.cuda.device", "-1"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(">= 0");
        assertThatThrownBy(() -> of(Map.of("densekit.cuda.tf32", "maybe"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected true or false");
        assertThatThrownBy(() -> of(Map.of(), Map.of("DENSEKIT_CUDA_GRAPHS", "sometimes")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DENSEKIT_CUDA_GRAPHS is 'sometimes'");
    }

    @Test
    void graphsAreOptIn() {
        assertThat(of(Map.of(), Map.of()).graphs()).isFalse();
        assertThat(of(Map.of(), Map.of()).graphMode()).startsWith("graphs off").contains("densekit.cuda.graphs=true");
        assertThat(of(Map.of("densekit.cuda.graphs", "true"), Map.of()).graphs()).isTrue();
        assertThat(of(Map.of(), Map.of("DENSEKIT_CUDA_GRAPHS", "on")).graphMode()).startsWith("graphs on");
    }

    @Test
    void residentDataIsOnUnlessSwitchedOff() {
        assertThat(of(Map.of(), Map.of()).resident()).isTrue();
        assertThat(of(Map.of(), Map.of()).residentMode()).startsWith("resident data on");
        assertThat(of(Map.of("densekit.cuda.resident", "false"), Map.of("DENSEKIT_CUDA_RESIDENT", "true")).resident())
                .isFalse();
        assertThat(of(Map.of(), Map.of("DENSEKIT_CUDA_RESIDENT", "off")).residentMode()).startsWith("resident data off");
        assertThatThrownBy(() -> of(Map.of("densekit.cuda.resident", "auto"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("densekit.cuda.resident / DENSEKIT_CUDA_RESIDENT is 'auto'; expected true or false");
    }
}
