package io.densekit.kernel.blas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.densekit.kernel.Availability;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.KernelProvider;
import io.densekit.kernel.reference.ReferenceKernel;
import io.densekit.nativelib.NativeLibraries;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** How the blas kernel's host delegate is chosen among the providers discovery found. */
class HostDelegateTest {

    /** A provider that counts how often its availability is asked. */
    private static class Fake implements KernelProvider {
        final String name;
        final int priority;
        final String device;
        final Availability availability;
        final Supplier<Kernel> kernel;
        final AtomicInteger asked = new AtomicInteger();

        Fake(String name, int priority, String device, Availability availability, Supplier<Kernel> kernel) {
            this.name = name;
            this.priority = priority;
            this.device = device;
            this.availability = availability;
            this.kernel = kernel;
        }

        Fake(String name, int priority, String device, Availability availability) {
            this(name, priority, device, availability, ReferenceKernel::new);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int priority() {
            return priority;
        }

        @Override
        public String device() {
            return device;
        }

        @Override
        public Availability availability() {
            asked.incrementAndGet();
            return availability;
        }

        @Override
        public Kernel create() {
            return kernel.get();
        }
    }

    private static final Availability NO_VECTOR_API = Availability.no("the Vector API module is not loaded");

    @Test
    void theAvailableCpuKernelOfHighestPriorityIsChosenAndBlasAndDevicesAreNeverAsked() {
        Fake gpu = new Fake("cuda", 200, "cuda", Availability.yes());
        Fake blas = new Fake("blas", 50, "cpu", Availability.yes());
        Fake simd = new Fake("simd", 100, "cpu", Availability.yes());
        Fake reference = new Fake("reference", 0, "cpu", Availability.yes());
        HostDelegate.Choice c = HostDelegate.choose(List.of(reference, gpu, blas, simd));
        assertThat(c.availability().available()).isTrue();
        assertThat(c.delegate().provider()).isSameAs(simd);
        assertThat(c.delegate().description()).isEqualTo("simd kernel");
        assertThat(gpu.asked).as("a GPU provider's availability (which may start a driver)").hasValue(0);
        assertThat(blas.asked).hasValue(0);
        assertThat(reference.asked).as("nothing below the first available one").hasValue(0);
    }

    @Test
    void anUnavailableKernelIsPassedOverAndTheDescriptionSaysWhy() {
        Fake simd = new Fake("simd", 100, "cpu", NO_VECTOR_API);
        Fake reference = new Fake("reference", 0, "cpu", Availability.yes());
        HostDelegate.Choice c = HostDelegate.choose(List.of(simd, reference));
        assertThat(c.delegate().provider()).isSameAs(reference);
        assertThat(c.delegate().description())
                .isEqualTo("reference kernel (simd unavailable: the Vector API module is not loaded)");
    }

    @Test
    void withoutAnyAvailableHostKernelTheBlasKernelIsUnavailableAndSaysWhy() {
        HostDelegate.Choice c = HostDelegate.choose(List.of(new Fake("simd", 100, "cpu", NO_VECTOR_API),
                new Fake("cuda", 200, "cuda", Availability.yes())));
        assertThat(c.delegate()).isNull();
        assertThat(c.availability().reason()).isEqualTo("its non-GEMM operations need a host kernel, and none is"
                + " available: simd unavailable: the Vector API module is not loaded");
        assertThat(HostDelegate.choose(List.of()).availability().reason())
                .isEqualTo("its non-GEMM operations need a host kernel, and none is available on the class path");

        BlasKernelProvider p = new BlasKernelProvider(NativeLibraries.system(), List::of);
        assertThat(p.availability().available()).isFalse();
        assertThat(p.availability().reason()).endsWith("none is available on the class path");
        assertThatThrownBy(p::create).isInstanceOf(IllegalStateException.class)
                .hasMessage("blas kernel is unavailable: its non-GEMM operations need a host kernel, and none is"
                        + " available on the class path");
    }

    @Test
    void aFailingAvailabilityCheckIsAReasonNotAnException() {
        KernelProvider throwing = new Fake("odd", 10, "cpu", null) {
            @Override
            public Availability availability() {
                throw new IllegalStateException("broken");
            }
        };
        HostDelegate.Choice c = HostDelegate.choose(List.of(throwing, new Fake("reference", 0, "cpu", Availability.yes())));
        assertThat(c.delegate().description())
                .isEqualTo("reference kernel (odd unavailable: availability check failed: java.lang.IllegalStateException: broken)");
    }

    @Test
    void aKernelWhoseTensorsAreNotOnTheHeapIsRefusedAtCreation() {
        AtomicInteger closed = new AtomicInteger();
        Kernel offHeap = (Kernel) Proxy.newProxyInstance(Kernel.class.getClassLoader(), new Class<?>[] {Kernel.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        closed.incrementAndGet();
                    }
                    return method.getName().equals("name") ? "offheap" : null;
                });
        HostDelegate d = HostDelegate.choose(List.of(new Fake("offheap", 10, "cpu", Availability.yes(), () -> offHeap)))
                .delegate();
        assertThatThrownBy(d::create).isInstanceOf(IllegalStateException.class)
                .hasMessage("the offheap kernel keeps its tensors outside the Java heap, so it cannot take the blas"
                        + " kernel's non-GEMM operations");
        assertThat(closed).as("the refused instance is closed").hasValue(1);
    }
}
