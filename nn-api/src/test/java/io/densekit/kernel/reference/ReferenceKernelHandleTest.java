package io.densekit.kernel.reference;

import io.densekit.kernel.KernelProvider;
import io.densekit.kernel.conformance.KernelHandleSuite;

/** The kernel-handle contract on the reference kernel. */
class ReferenceKernelHandleTest extends KernelHandleSuite {
    @Override
    protected KernelProvider provider() {
        return new ReferenceKernelProvider();
    }
}
