/** The blas kernel (GEMMs through CBLAS), reached only through its {@link io.densekit.kernel.KernelProvider}. */
module io.densekit.kernels.blas {
    requires io.densekit.api;
    requires io.densekit.nativelib;

    // the host delegate: the best host kernel discovery finds
    uses io.densekit.kernel.KernelProvider;
    provides io.densekit.kernel.KernelProvider with io.densekit.kernel.blas.BlasKernelProvider;
}
