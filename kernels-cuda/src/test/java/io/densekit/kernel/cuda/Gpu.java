package io.densekit.kernel.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.densekit.kernel.Availability;
import io.densekit.nativelib.NativeLibraries;

/**
 * Opens the GPU kernel for a test, or skips the test with the reason there is none (no driver, no
 * GPU, no cuBLAS). Every test that needs a GPU goes through here, so CPU-only CI stays green. Test
 * classes register a {@link GpuKernel}, which opens the kernel with {@link #openOrNull} before
 * their first test and calls {@link #assume} before each, so each skipped test is reported with
 * the reason.
 */
final class Gpu {
    private static volatile Availability availability;

    private Gpu() {
    }

    /**
     * The kernel, or null (with the reason kept for {@link #assume}) where no GPU is usable. In the
     * emulated run ({@link CudaEmulator}) the "GPU" is the CPU stand-in.
     */
    static CudaKernel openOrNull(CudaConfig config) {
        if (CudaEmulator.requested()) {
            String problem = CudaEmulator.prepare();
            if (problem != null) {
                availability = Availability.no(problem);
                return null;
            }
        }
        CudaKernelProvider p = new CudaKernelProvider(NativeLibraries::system, () -> config);
        Availability a = p.availability();
        availability = a;
        return a.available() ? (CudaKernel) p.create() : null;
    }

    /** Skips the calling test unless a GPU is usable. */
    static void assume() {
        Availability a = availability;
        if (a == null) {
            a = new CudaKernelProvider().availability();
            availability = a;
        }
        Availability reason = a;
        assumeTrue(a.available(), () -> "needs a GPU; cuda kernel unavailable: " + reason.reason());
    }

    /** A kernel for one test, or the test is skipped with the reason. */
    static CudaKernel kernel(CudaConfig config) {
        CudaKernel k = openOrNull(config);
        assume();
        return k;
    }
}
