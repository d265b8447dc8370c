package io.densekit.conformance;

import io.densekit.kernel.KernelProvider;
import io.densekit.kernel.reference.ReferenceKernelProvider;

/** The kernel-handle contract on the reference kernel. */
class ReferenceKernelHandleTest extends KernelHandleSuite {
    @Override
    protected KernelProvider provider() {
        return new ReferenceKernelProvider();
    }
}
