package io.densekit.kernel.simd;

import io.densekit.kernel.Kernel;
import io.densekit.nn.ModelConcurrencySuite;

/** One model from many threads on the simd kernel, on 2 worker threads (parallel GEMMs from several callers take turns). */
class SimdModelConcurrencyTest extends ModelConcurrencySuite {
    private final Kernel kernel = new SimdKernel(new SimdConfig(0, 2));

    @Override
    protected Kernel kernel() {
        return kernel;
    }
}
