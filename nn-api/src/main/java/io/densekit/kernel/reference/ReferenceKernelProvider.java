package io.densekit.kernel.reference;

import io.densekit.kernel.Availability;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.KernelProvider;
import io.densekit.tensor.DType;
import java.util.EnumSet;
import java.util.Set;

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
    public Set<DType> dtypes() {
        return EnumSet.of(DType.F32, DType.F64);
    }

    @Override
    public String device() {
        return "cpu";
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
