package io.densekit.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.densekit.kernel.reference.ReferenceKernel;
import io.densekit.kernel.reference.ReferenceKernelProvider;
import io.densekit.tensor.DType;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KernelRegistryTest {

    /** A provider with a given name, priority and availability check. */
    record Fake(String name, int priority, java.util.function.Supplier<Availability> check) implements KernelProvider {
        @Override public Set<DType> dtypes() { return EnumSet.of(DType.F32); }
        @Override public String device() { return "fake"; }
        @Override public Availability availability() { return check.get(); }
        @Override public Kernel create() { return new ReferenceKernel(); }
    }

    private final KernelRegistry registry = new KernelRegistry(List.of(
            new ReferenceKernelProvider(),
            new Fake("gpu", 200, () -> Availability.no("no CUDA driver: libcuda.so.1 not found")),
            new Fake("explodes", 150, () -> {
                throw new UnsatisfiedLinkError("libfoo.so: cannot open shared object file");
            }),
            new Fake("fast", 100, Availability::yes)));

    @Test
    void listsEveryKernelByPriorityWithReasons() {
        assertThat(registry.list()).extracting(KernelRegistry.Info::name)
                .containsExactly("gpu", "explodes", "fast", "reference");
        KernelRegistry.Info gpu = registry.list().getFirst();
        assertThat(gpu.available()).isFalse();
        assertThat(gpu.availability().reason()).contains("libcuda.so.1 not found");
        KernelRegistry.Info explodes = registry.list().get(1);
        assertThat(explodes.available()).isFalse();
        assertThat(explodes.availability().reason()).contains("availability check failed").contains("libfoo.so");
    }

    @Test
    void bestSkipsUnavailableKernels() {
        assertThat(registry.best(Optional.empty(), false)).isSameAs(registry.byName("fast"));
    }

    @Test
    void overrideIsHonoured() {
        assertThat(registry.best(Optional.of("reference"), true).name()).isEqualTo("reference");
    }

    @Test
    void unavailableOverrideFallsBackWhenNotStrict() {
        assertThat(registry.best(Optional.of("gpu"), false)).isSameAs(registry.byName("fast"));
    }

    @Test
    void unavailableOverrideFailsInStrictModeWithTheReason() {
        assertThatThrownBy(() -> registry.best(Optional.of("gpu"), true))
                .isInstanceOf(KernelUnavailableException.class)
                .hasMessageContaining("kernel 'gpu' is unavailable").hasMessageContaining("libcuda.so.1 not found");
    }

    @Test
    void byNameIsStrictAndNamesTheKnownKernels() {
        assertThatThrownBy(() -> registry.byName("tpu")).isInstanceOf(KernelUnavailableException.class)
                .hasMessageContaining("unknown kernel 'tpu'").hasMessageContaining("gpu, explodes, fast, reference");
        assertThatThrownBy(() -> registry.byName("explodes")).hasMessageContaining("libfoo.so");
    }

    @Test
    void kernelsAreSharedPerName() {
        assertThat(registry.byName("FAST")).isSameAs(registry.byName("fast"));
    }

    @Test
    void systemRegistryFindsTheReferenceKernel() {
        assertThat(Kernels.names()).contains("reference");
        assertThat(Kernels.byName("reference")).isInstanceOf(ReferenceKernel.class);
    }

    @Test
    void systemPropertiesSelectTheOverrideAndStrictMode() {
        String oldKernel = System.getProperty(Kernels.KERNEL_PROPERTY);
        String oldStrict = System.getProperty(Kernels.STRICT_PROPERTY);
        try {
            System.setProperty(Kernels.KERNEL_PROPERTY, " reference ");
            System.setProperty(Kernels.STRICT_PROPERTY, "true");
            assertThat(Kernels.override()).contains("reference");
            assertThat(Kernels.strict()).isTrue();
            assertThat(Kernels.best().name()).isEqualTo("reference");
            System.setProperty(Kernels.KERNEL_PROPERTY, "no-such-kernel");
            assertThatThrownBy(Kernels::best).isInstanceOf(KernelUnavailableException.class)
                    .hasMessageContaining("unknown kernel 'no-such-kernel'");
            System.setProperty(Kernels.STRICT_PROPERTY, "false");
            assertThat(Kernels.best()).isNotNull();
        } finally {
            restore(Kernels.KERNEL_PROPERTY, oldKernel);
            restore(Kernels.STRICT_PROPERTY, oldStrict);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
