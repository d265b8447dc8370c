package io.densekit.kernel.reference;

import io.densekit.kernel.Availability;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.KernelProvider;

/** Registers the reference kernel; always available, lowest priority. */
public final class ReferenceKernelProvider implements KernelProvider {
    @Override
    public String name() {
        return ReferenceKernel.NAME;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public Availability availability() {
        return Availability.yes();
    }

    @Override
    public Kernel create() {
        return new ReferenceKernel();
    }
}
