package io.densekit.kernel.simd;

import io.densekit.kernel.Kernel;
import io.densekit.conformance.KernelConformanceSuite;

/** The shared conformance suite with 128-bit vectors on 2 threads. */
class SimdKernel128ConformanceTest extends KernelConformanceSuite {
    private final Kernel kernel = new SimdKernel(new SimdConfig(128, 2));

    @Override
    protected Kernel kernel() {
        return kernel;
    }
}
