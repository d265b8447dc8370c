package io.densekit.kernel.simd;

import io.densekit.kernel.Kernel;
import io.densekit.parity.PyTorchParitySuite;

/** The SIMD kernel (preferred width, 2 threads) replays every PyTorch fixture. */
class SimdKernelParityTest extends PyTorchParitySuite {
    private final Kernel kernel = new SimdKernel(new SimdConfig(0, 2));

    @Override
    protected Kernel kernel() {
        return kernel;
    }
}
