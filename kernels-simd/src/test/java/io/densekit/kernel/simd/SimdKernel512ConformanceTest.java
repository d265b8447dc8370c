package io.densekit.kernel.simd;

import io.densekit.kernel.Kernel;
import io.densekit.kernel.conformance.KernelConformanceSuite;

/** The shared conformance suite with 512-bit vectors on 2 threads. */
class SimdKernel512ConformanceTest extends KernelConformanceSuite {
    private final Kernel kernel = new SimdKernel(new SimdConfig(512, 2));

    @Override
    protected Kernel kernel() {
        return kernel;
    }
}
