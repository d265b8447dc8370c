package io.densekit.kernel.blas;

import io.densekit.kernel.KernelProvider;
import io.densekit.conformance.KernelHandleSuite;

/** The kernel-handle contract on the blas kernel (skipped with the reason where no CBLAS library is found). */
class BlasKernelHandleTest extends KernelHandleSuite {
    @Override
    protected KernelProvider provider() {
        return new BlasKernelProvider();
    }
}
