package io.densekit.bench.jmh;

import io.densekit.kernel.Kernel;
import io.densekit.kernel.reference.ReferenceKernel;
import io.densekit.kernel.simd.SimdConfig;
import io.densekit.kernel.simd.SimdKernel;

/** The kernels the benchmarks compare, by name, with an explicit thread count. */
final class BenchKernels {
    private BenchKernels() {
    }

    static Kernel create(String name, int threads) {
        return switch (name) {
            case "simd" -> new SimdKernel(new SimdConfig(0, threads));
            case "reference" -> new ReferenceKernel();
            default -> throw new IllegalArgumentException("unknown benchmark kernel '" + name + "'; expected simd or reference");
        };
    }
}
