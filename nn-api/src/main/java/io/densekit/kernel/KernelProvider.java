package io.densekit.kernel;

import io.densekit.tensor.DType;
import java.util.EnumSet;
import java.util.Set;

/**
 * A kernel's entry for discovery, registered in {@code META-INF/services/io.densekit.kernel.KernelProvider}.
 * Providers must be cheap to construct and must not touch native libraries or devices until
 * {@link #availability()} or {@link #create()} is called.
 */
public interface KernelProvider {

    /** The kernel's name, as {@code --kernel} takes it. */
    String name();

    /** Larger is preferred by {@link Kernels#best()}: reference 0, blas 50, simd 100, cuda 200. */
    int priority();

    /** The dtypes the kernel computes in; both by default. */
    default Set<DType> dtypes() {
        return EnumSet.of(DType.F32, DType.F64);
    }

    /** "cpu" (the default) or the device kind, for listings before the kernel is created. */
    default String device() {
        return "cpu";
    }

    /**
     * Checks whether the kernel can run here. Must not throw: any failure becomes an unavailable
     * result with its reason. May load native libraries; the result should be cached.
     */
    Availability availability();

    /**
     * Creates a new instance; called only when {@link #availability()} says it is available. The
     * registry shares one instance per name and hands others to callers who own them
     * ({@link Kernels#open}), so each call must return a new, independent instance. Kernels that
     * extend {@link AbstractKernel} get the shared instance's no-op close() from the registry; any
     * other kernel must make sure itself that closing its shared instance breaks nobody.
     */
    Kernel create();
}
