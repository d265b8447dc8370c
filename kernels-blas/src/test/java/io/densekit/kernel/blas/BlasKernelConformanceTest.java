package io.densekit.kernel.blas;

import io.densekit.kernel.Kernel;
import io.densekit.conformance.KernelConformanceSuite;
import org.junit.jupiter.api.BeforeAll;

/** The blas kernel against the reference kernel; skipped with the search's reason where no CBLAS library is found. */
class BlasKernelConformanceTest extends KernelConformanceSuite {
    private static Kernel kernel;

    @BeforeAll
    static void create() {
        kernel = BlasTestKernel.createOrSkip();
    }

    @Override
    protected Kernel kernel() {
        return kernel;
    }
}
