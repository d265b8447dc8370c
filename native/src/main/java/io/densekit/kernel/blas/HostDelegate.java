package io.densekit.kernel.blas;

import io.densekit.kernel.Availability;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.simd.SimdKernel;
import io.densekit.kernel.simd.SimdKernelProvider;

/**
 * The kernel the blas kernel hands every non-GEMM operation to: the SIMD kernel, the fastest host
 * kernel. Its operations accept {@link io.densekit.tensor.HostTensor}s, as BLAS's do.
 */
final class HostDelegate {
    private HostDelegate() {
    }

    /** Whether the delegate can run here (the Vector API module must be present). */
    static Availability availability() {
        return new SimdKernelProvider().availability();
    }

    static Kernel create() {
        return new SimdKernel();
    }
}
