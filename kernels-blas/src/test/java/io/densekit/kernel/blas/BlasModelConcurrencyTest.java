package io.densekit.kernel.blas;

import io.densekit.kernel.Kernel;
import io.densekit.nn.ModelConcurrencySuite;
import org.junit.jupiter.api.BeforeAll;

/** One model from many threads on the blas kernel; skipped with the search's reason where no CBLAS library is found. */
class BlasModelConcurrencyTest extends ModelConcurrencySuite {
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
