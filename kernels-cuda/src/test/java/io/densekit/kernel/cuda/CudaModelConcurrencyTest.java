package io.densekit.kernel.cuda;

import io.densekit.kernel.Kernel;
import io.densekit.nn.ModelConcurrencySuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One model from many threads on the GPU kernel: the threads' uploads, launches and downloads
 * interleave on one stream and one set of staging buffers, and each must still get its own
 * answer. Skipped with the reason where no GPU is usable; in the emulated run the "GPU" is the CPU
 * stand-in, which runs the threads' operations in the kernel's lock order as a GPU's stream would.
 */
class CudaModelConcurrencyTest extends ModelConcurrencySuite {
    @RegisterExtension
    static final GpuKernel GPU = new GpuKernel(CudaConfig::fromSystem);

    /** Runs on the GPU, and where there is none reports the skip with its reason. */
    @Test
    void runsOnTheGpu() {
        GpuKernel.assertIsTheGpu(kernel());
    }

    @Override
    protected Kernel kernel() {
        return GPU.get();
    }

    @Override
    protected int callsPerThread() {
        return CudaEmulator.requested() ? 6 : 24; // the emulator's GEMM is a plain loop
    }
}
