package io.densekit.kernel.cuda;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The GPU kernel replays every PyTorch fixture (float64 MAPE <= 1e-12); skipped where no GPU is usable. */
class CudaKernelParityTest extends CudaParityBase {
    @RegisterExtension
    static final GpuKernel GPU = new GpuKernel(CudaConfig::fromSystem);

    @Override
    GpuKernel gpu() {
        return GPU;
    }
}
