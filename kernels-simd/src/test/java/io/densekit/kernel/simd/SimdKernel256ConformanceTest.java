package io.densekit.kernel.simd;

import io.densekit.kernel.Kernel;
import io.densekit.kernel.conformance.KernelConformanceSuite;

/** The shared conformance suite with 256-bit vectors on 2 threads. */
class SimdKernel256ConformanceTest extends KernelConformanceSuite {
    private final Kernel kernel = new SimdKernel(new SimdConfig(256, 2));

    @Override
    protected Kernel kernel() {
        return kernel;
    }
}
