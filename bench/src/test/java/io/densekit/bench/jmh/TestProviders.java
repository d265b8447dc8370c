package io.densekit.bench.jmh;

import io.densekit.kernel.Availability;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.KernelProvider;
import io.densekit.kernel.KernelRegistry;
import io.densekit.kernel.reference.ReferenceKernelProvider;
import io.densekit.tensor.DType;
import java.util.List;
import java.util.Set;

/** Kernel providers for the runner's tests; the runner only asks their availability, never creates them. */
final class TestProviders {
    static final String GPU_REASON = "test: no such device";

    private TestProviders() {
    }

    record Fake(String name, int priority, Set<DType> dtypes, Availability availability) implements KernelProvider {
        @Override
        public Kernel create() {
            throw new AssertionError("the JMH runner must not create kernels; the benchmark forks do");
        }
    }

    /** reference, "fast" (both dtypes), "half" (f32 only) and "gpu" (unavailable). */
    static KernelRegistry registry() {
        return new KernelRegistry(List.of(
                new ReferenceKernelProvider(),
                new Fake("fast", 100, Set.of(DType.F32, DType.F64), Availability.yes()),
                new Fake("half", 50, Set.of(DType.F32), Availability.yes()),
                new Fake("gpu", 200, Set.of(DType.F32, DType.F64), Availability.no(GPU_REASON))));
    }
}
