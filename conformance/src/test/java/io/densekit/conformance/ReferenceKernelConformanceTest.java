package io.densekit.conformance;

import io.densekit.kernel.Kernel;
import io.densekit.kernel.reference.ReferenceKernel;

/** The reference kernel against itself: proves the suite runs and its tolerances hold at zero error. */
class ReferenceKernelConformanceTest extends KernelConformanceSuite {
    private final Kernel kernel = new ReferenceKernel();

    @Override
    protected Kernel kernel() {
        return kernel;
    }
}
