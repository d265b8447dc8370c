package io.densekit.kernel.cuda;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.densekit.kernel.Availability;
import io.densekit.nativelib.NativeLibraries;

/**
 * Opens the GPU kernel for a test, or skips the test with the reason there is none (no driver, no
 * GPU, no cuBLAS). Every test that needs a GPU goes through here, so CPU-only CI stays green. Test
 * classes register a {@link GpuKernel}, which opens the kernel with {@link #openOrNull} before
 * their first test and calls {@link #assume} before each, so each skipped test is reported with
 * the reason. With {@value #REQUIRED} set to true (the GPU script does this) an unusable GPU
 * fails each test instead, so a run in which nothing ran cannot read as green.
 */
final class Gpu {
    static final String REQUIRED = "densekit.test.cuda.required";

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

    /** Skips the calling test unless a GPU is usable (fails it instead when {@value #REQUIRED} is true). */
    static void assume() {
        Availability a = availability;
        if (a == null) {
            a = new CudaKernelProvider().availability();
            availability = a;
        }
        requireOrSkip(a, Boolean.getBoolean(REQUIRED));
    }

    /** Nothing when available; else the test fails (required) or is skipped, with the reason. */
    static void requireOrSkip(Availability a, boolean required) {
        if (required && !a.available()) {
            fail("the cuda kernel is required (-D" + REQUIRED + "=true) but unavailable: " + a.reason());
        }
        assumeTrue(a.available(), () -> "needs a GPU; cuda kernel unavailable: " + a.reason());
    }

    /** A kernel for one test, or the test is skipped with the reason. */
    static CudaKernel kernel(CudaConfig config) {
        CudaKernel k = openOrNull(config);
        assume();
        return k;
    }
}
