package io.densekit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.densekit.kernel.AbstractKernel;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.KernelProvider;
import io.densekit.kernel.KernelRegistry;
import io.densekit.kernel.Kernels;
import io.densekit.nn.Sequential;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The kernel-handle contract, the same on every kernel: the registry's shared instance survives
 * any number of close() calls (so {@code try (Kernel k = Kernels.best())} breaks nothing), and an
 * instance from {@code open} belongs to its caller: a new instance, released by its close(), after
 * which it and its tensors refuse use with an {@link IllegalStateException} saying it is closed.
 * A kernel module subclasses this with its provider.
 */
public abstract class KernelHandleSuite {

    /** The provider of the kernel under test, available (subclasses skip otherwise). */
    protected abstract KernelProvider provider();

    private KernelRegistry registry() {
        KernelProvider p = provider();
        KernelRegistry r = new KernelRegistry(List.of(p));
        assumeTrue(r.availabilityOf(p).available(), () -> p.name() + " is unavailable here: "
                + r.availabilityOf(p).reason());
        return r;
    }

    /** A small model's outputs on {@code k}, as bits (the same seed and input every time). */
    private static double[] outputs(Kernel k) {
        try (Sequential m = Sequential.of("5,7:tanh,3", k, DType.F32, 3)) {
            HostTensor x = HostTensor.zeros(DType.F32, 4, 5);
            for (int i = 0; i < x.size(); i++) {
                x.setFlat(i, Math.sin(i));
            }
            return m.predict(x).toDoubleArray();
        }
    }

    @Test
    void theSharedInstanceSurvivesItsCallersClosingIt() {
        KernelRegistry r = registry();
        String name = provider().name();
        Kernel shared = r.byName(name);
        double[] before = outputs(shared);
        try (Kernel k = r.best(Optional.empty(), true)) {
            assertThat(k).isSameAs(shared);
        }
        shared.close();
        shared.close();
        assertThat(r.byName(name)).isSameAs(shared);
        assertThat(outputs(r.byName(name))).isEqualTo(before);
        if (shared instanceof AbstractKernel a) {
            assertThat(a.isShared()).isTrue();
            assertThat(a.isClosed()).isFalse();
        }
    }

    @Test
    void anOpenedInstanceIsTheCallersAndRefusesUseOnceClosed() {
        KernelRegistry r = registry();
        String name = provider().name();
        Kernel shared = r.byName(name);
        Kernel owned = r.open(name);
        assertThat(owned).isNotSameAs(shared).isNotSameAs(r.open(name));
        assertThat(outputs(owned)).isEqualTo(outputs(shared));
        Sequential m = Sequential.of("5,3", owned, DType.F32, 1);
        Tensor t = owned.upload(HostTensor.zeros(DType.F32, 2, 5));
        owned.close();
        owned.close(); // harmless
        assertThatThrownBy(() -> owned.allocate(DType.F32, 2, 2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> owned.download(t)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> m.predict(HostTensor.zeros(DType.F32, 1, 5))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        m.close();
        if (owned instanceof AbstractKernel a) {
            assertThat(a.isShared()).isFalse();
            assertThat(a.isClosed()).isTrue();
        }
        assertThat(outputs(shared)).as("the shared instance is untouched").isEqualTo(outputs(r.byName(name)));
    }

    @Test
    void theProcessWideHandleSurvivesAClose() {
        String name = provider().name();
        assumeTrue(Kernels.names().contains(name), () -> name + " is not on the class path's registry");
        assumeTrue(Kernels.list().stream().anyMatch(i -> i.name().equals(name) && i.available()),
                () -> name + " is unavailable in the process's registry");
        Kernel k = Kernels.byName(name);
        double[] before = outputs(k);
        k.close();
        try (Kernel again = Kernels.byName(name)) {
            assertThat(again).isSameAs(k);
        }
        assertThat(outputs(Kernels.byName(name))).isEqualTo(before);
        try (Kernel owned = Kernels.open(name)) {
            assertThat(owned).isNotSameAs(k);
        }
        assertThat(outputs(Kernels.byName(name))).isEqualTo(before);
    }
}
