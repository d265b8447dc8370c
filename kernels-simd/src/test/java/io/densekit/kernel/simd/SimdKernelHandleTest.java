package io.densekit.kernel.simd;

import io.densekit.kernel.KernelProvider;
import io.densekit.conformance.KernelHandleSuite;

/** The kernel-handle contract on the simd kernel. */
class SimdKernelHandleTest extends KernelHandleSuite {
    @Override
    protected KernelProvider provider() {
        return new SimdKernelProvider();
    }
}
