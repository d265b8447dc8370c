package io.densekit.nn;

import io.densekit.kernel.Kernel;
import io.densekit.kernel.reference.ReferenceKernel;

/** One model from many threads on the reference kernel. */
class ReferenceModelConcurrencyTest extends ModelConcurrencySuite {
    private final Kernel kernel = new ReferenceKernel();

    @Override
    protected Kernel kernel() {
        return kernel;
    }
}
