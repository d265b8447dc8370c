/**
 * The cuda kernel, reached only through its {@link io.densekit.kernel.KernelProvider}.
 *
 * <p>JCuda's jar names no module ({@code Automatic-Module-Name}), so its automatic module takes the
 * name of the jar file, {@code jcuda}; that is the name every JCuda release's jar gives, and the
 * only JCuda module densekit requires (its natives jar has no classes).
 */
@SuppressWarnings("requires-automatic")
module io.densekit.kernels.cuda {
    requires io.densekit.api;
    requires io.densekit.nativelib;
    requires jcuda;

    provides io.densekit.kernel.KernelProvider with io.densekit.kernel.cuda.CudaKernelProvider;
}
