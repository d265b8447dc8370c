package io.densekit.kernel.simd;

import io.densekit.kernel.Availability;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.KernelProvider;
import io.densekit.tensor.DType;
import java.util.EnumSet;
import java.util.Set;

/**
 * Registers the SIMD kernel. Discovery must not touch Vector API classes: they exist only when the
 * JVM runs with {@code --add-modules jdk.incubator.vector}, so availability asks the boot layer first.
 */
public final class SimdKernelProvider implements KernelProvider {
    static final String VECTOR_MODULE = "jdk.incubator.vector";

    /** For {@link java.util.ServiceLoader}, on the class path and in the module's {@code provides}. */
    public SimdKernelProvider() {
    }

    @Override
    public String name() {
        return SimdKernel.NAME;
    }

    @Override
    public int priority() {
        return 100;
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
        try {
            if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
                return Availability.no("the Vector API module is not loaded; run with --add-modules " + VECTOR_MODULE);
            }
            SimdConfig.fromSystemProperties();
            return Availability.yes();
        } catch (Throwable t) {
            return Availability.no("SIMD kernel cannot start: " + t.getMessage());
        }
    }

    /** The kernel of the system properties, with the plan {@code densekit tune} cached for this machine, if any. */
    @Override
    public Kernel create() {
        return new SimdKernel();
    }
}
