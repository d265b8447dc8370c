package io.densekit.kernel.blas;

import io.densekit.kernel.Kernel;
import io.densekit.parity.PyTorchParitySuite;
import org.junit.jupiter.api.BeforeAll;

/** The blas kernel replays every PyTorch fixture; skipped with the search's reason where no CBLAS library is found. */
class BlasKernelParityTest extends PyTorchParitySuite {
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
