package io.densekit.kernel.blas;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.densekit.kernel.Availability;
import io.densekit.kernel.Kernel;
import io.densekit.nn.ModelConcurrencySuite;
import org.junit.jupiter.api.BeforeAll;

/** One model from many threads on the blas kernel; skipped with the search's reason where no CBLAS library is found. */
class BlasModelConcurrencyTest extends ModelConcurrencySuite {
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
