/**
 * The simd kernel on the Vector API, found through {@link io.densekit.kernel.KernelProvider}. Its
 * package is exported for {@code SimdConfig}, the kernel's tuning, and {@code SimdKernel} built
 * with one.
 */
module io.densekit.kernels.simd {
    // SimdKernel's methods take and return nn-api's types: its users read nn-api too
    requires transitive io.densekit.api;
    requires jdk.incubator.vector;
    // the tuning cache (PlanCache) is JSON; Jackson reads and writes its records reflectively
    requires com.fasterxml.jackson.databind;
    // the plan search warms up until the JIT stops compiling (its compilation time, from java.management)
    requires java.management;

    exports io.densekit.kernel.simd;
    opens io.densekit.kernel.simd to com.fasterxml.jackson.databind;

    provides io.densekit.kernel.KernelProvider with io.densekit.kernel.simd.SimdKernelProvider;
}
