package io.densekit.cli;

import io.densekit.kernel.Availability;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.KernelProvider;
import io.densekit.tensor.DType;
import java.util.Set;

/** A kernel that never runs here, registered for the bench tests only, to test how the CLI reports it. */
public final class UnavailableTestKernel implements KernelProvider {
    static final String NAME = "unavailable-test";
    static final String REASON = "test kernel: no such device";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return -1;
    }

    @Override
    public Set<DType> dtypes() {
        return Set.of(DType.F32);
    }

    @Override
    public String device() {
        return "nowhere";
    }

    @Override
    public Availability availability() {
        return Availability.no(REASON);
    }

    @Override
    public Kernel create() {
        throw new AssertionError("create() called on an unavailable kernel");
    }
}
