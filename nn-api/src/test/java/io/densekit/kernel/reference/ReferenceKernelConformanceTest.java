package io.densekit.kernel.reference;

import io.densekit.kernel.Kernel;
import io.densekit.kernel.conformance.KernelConformanceSuite;

/** The reference kernel against itself: proves the suite runs and its tolerances hold at zero error. */
class ReferenceKernelConformanceTest extends KernelConformanceSuite {
    private final Kernel kernel = new ReferenceKernel();

    @Override
    protected Kernel kernel() {
        return kernel;
    }
}
