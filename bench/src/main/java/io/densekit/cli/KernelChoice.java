package io.densekit.cli;

import io.densekit.kernel.Kernel;
import io.densekit.kernel.Kernels;
import io.densekit.tensor.DType;

/** The kernel and dtype a command runs on, from {@code --kernel} and {@code --dtype} or the defaults. */
record KernelChoice(Kernel kernel, DType dtype) {

    /**
     * {@code --kernel NAME} must name an available kernel (no fallback); without it, the default
     * kernel (see {@code densekit kernels}). The dtype is {@code requested} when given, which the
     * kernel must support, else {@code preferred} if the kernel has it, else the kernel's other one.
     */
    static KernelChoice of(String kernelName, DType requested, DType preferred) {
        Kernel kernel = kernelName == null ? Kernels.best() : Kernels.byName(kernelName);
        if (requested != null) {
            if (!kernel.dtypes().contains(requested)) {
                throw new IllegalArgumentException("kernel '" + kernel.name() + "' does not compute in " + requested
                        + "; it supports " + kernel.dtypes());
            }
            return new KernelChoice(kernel, requested);
        }
        DType dtype = kernel.dtypes().contains(preferred) ? preferred : kernel.dtypes().iterator().next();
        return new KernelChoice(kernel, dtype);
    }
}
