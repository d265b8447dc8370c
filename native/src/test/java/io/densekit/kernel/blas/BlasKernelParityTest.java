package io.densekit.kernel.blas;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.densekit.kernel.Availability;
import io.densekit.kernel.Kernel;
import io.densekit.parity.PyTorchParitySuite;
import org.junit.jupiter.api.BeforeAll;

/** The blas kernel replays every PyTorch fixture; skipped with the search's reason where no CBLAS library is found. */
class BlasKernelParityTest extends PyTorchParitySuite {
    private static Kernel kernel;

    @BeforeAll
    static void create() {
        BlasKernelProvider provider = new BlasKernelProvider();
        Availability a = provider.availability();
        assumeTrue(a.available(), () -> "blas kernel unavailable: " + a.reason());
        kernel = provider.create();
    }

    @Override
    protected Kernel kernel() {
        return kernel;
    }
}
