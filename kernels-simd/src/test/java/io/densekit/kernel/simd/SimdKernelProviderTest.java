package io.densekit.kernel.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.densekit.kernel.Kernel;
import io.densekit.kernel.KernelProvider;
import io.densekit.kernel.Kernels;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class SimdKernelProviderTest {

    @Test
    void isRegisteredAndAvailableWithTheVectorModule() {
        KernelProvider p = ServiceLoader.load(KernelProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(k -> k.name().equals("simd")).findFirst().orElseThrow();
        assertThat(p.priority()).isEqualTo(100);
        assertThat(p.availability().available()).as(p.availability().reason()).isTrue();
        try (Kernel k = p.create()) {
            assertThat(k.name()).isEqualTo("simd");
            assertThat(k.details()).contains("bit");
        }
        assertThat(Kernels.byName("simd")).isInstanceOf(SimdKernel.class);
    }

    @Test
    void explicitWidthAndThreadsAreHonoured() {
        SimdKernel k = new SimdKernel(new SimdConfig(128, 3));
        assertThat(k.vectorBits()).isEqualTo(128);
        assertThat(k.threads()).isEqualTo(3);
        assertThat(new SimdKernel(2).threads()).isEqualTo(2);
    }

    @Test
    void badConfigurationIsRejectedWithItsReason() {
        assertThatThrownBy(() -> new SimdConfig(384, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("128, 256 or 512");
        assertThatThrownBy(() -> new SimdConfig(256, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threads must be >= 1");
    }

    @Test
    void unparsablePropertyIsNamed() {
        String old = System.getProperty(SimdConfig.THREADS_PROPERTY);
        System.setProperty(SimdConfig.THREADS_PROPERTY, "two");
        try {
            assertThatThrownBy(SimdConfig::fromSystemProperties).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(SimdConfig.THREADS_PROPERTY).hasMessageContaining("'two'");
            assertThat(new SimdKernelProvider().availability().available()).isFalse();
            assertThat(new SimdKernelProvider().availability().reason()).contains(SimdConfig.THREADS_PROPERTY);
        } finally {
            if (old == null) {
                System.clearProperty(SimdConfig.THREADS_PROPERTY);
            } else {
                System.setProperty(SimdConfig.THREADS_PROPERTY, old);
            }
        }
    }
}
