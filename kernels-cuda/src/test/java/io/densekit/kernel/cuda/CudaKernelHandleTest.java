package io.densekit.kernel.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.densekit.kernel.KernelProvider;
import io.densekit.conformance.KernelHandleSuite;
import io.densekit.nativelib.NativeLibraries;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kernel-handle contract on the GPU kernel, where it matters most: closing the shared
 * instance would free every model's device memory. Skipped with the reason where no GPU is usable.
 */
class CudaKernelHandleTest extends KernelHandleSuite {

    @BeforeAll
    static void selectTheEmulatorWhenAsked() {
        if (CudaEmulator.requested()) {
            String problem = CudaEmulator.prepare();
            assumeTrue(problem == null, problem);
        }
    }

    /** Reports the skip with its reason where there is no GPU (the suite's own tests skip silently). */
    @Test
    void runsOnTheGpu() {
        Gpu.assume();
    }

    @Override
    protected KernelProvider provider() {
        return new CudaKernelProvider(NativeLibraries::system, CudaConfig::fromSystem);
    }
}
