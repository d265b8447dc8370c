package io.densekit.bench.peers;

/**
 * The thread count every peer gets: that of the CPU kernels it is compared with. The simd kernel
 * runs {@code densekit.simd.threads} threads, one per core by default, and the blas kernel's
 * OpenBLAS one per core; a peer with more or fewer threads would not be a fair comparison.
 */
public final class PeerThreads {
    private PeerThreads() {
    }

    public static int ofKernels() {
        int cores = Runtime.getRuntime().availableProcessors();
        Integer simd = Integer.getInteger("densekit.simd.threads");
        return simd != null && simd > 0 ? simd : cores;
    }
}
