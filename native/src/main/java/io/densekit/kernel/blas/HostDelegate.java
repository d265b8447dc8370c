package io.densekit.kernel.blas;

import io.densekit.kernel.Kernel;
import io.densekit.kernel.reference.ReferenceKernel;

/**
 * The kernel the blas kernel hands every non-GEMM operation to: the fastest host kernel. Its
 * operations must accept {@link io.densekit.tensor.HostTensor}s.
 */
final class HostDelegate {
    private HostDelegate() {
    }

    static Kernel create() {
        return new ReferenceKernel();
    }
}
