package io.densekit.kernel.blas;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.densekit.kernel.Availability;
import io.densekit.kernel.Kernel;

/** The blas kernel for a test class, or the class is skipped with the search's reason where no CBLAS library is found. */
final class BlasTestKernel {
    private BlasTestKernel() {
    }

    static Kernel createOrSkip() {
        BlasKernelProvider provider = new BlasKernelProvider();
        Availability a = provider.availability();
        assumeTrue(a.available(), () -> "blas kernel unavailable: " + a.reason());
        return provider.create();
    }
}
