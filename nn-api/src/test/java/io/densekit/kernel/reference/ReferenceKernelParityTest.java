package io.densekit.kernel.reference;

import io.densekit.kernel.Kernel;
import io.densekit.parity.PyTorchParitySuite;

/** The reference kernel replays every PyTorch fixture. */
class ReferenceKernelParityTest extends PyTorchParitySuite {
    private final Kernel kernel = new ReferenceKernel();

    @Override
    protected Kernel kernel() {
        return kernel;
    }
}
