package io.densekit.kernel.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every PyTorch fixture again with CUDA graphs on: the trainer replays recorded steps, and the
 * results must meet the same bounds (float64 MAPE <= 1e-12). Resident data is off here, so the
 * recorded steps read batches uploaded on the copy stream (CudaKernelParityTest runs resident).
 * Skipped where no GPU is usable.
 */
class CudaGraphsParityTest extends CudaParityBase {
    @RegisterExtension
    static final GpuKernel GPU = new GpuKernel(() -> {
        CudaConfig c = CudaConfig.fromSystem();
        return new CudaConfig(c.device(), c.tf32(), true, false);
    });

    @Override
    GpuKernel gpu() {
        return GPU;
    }

    @Test
    void recordsSteps() {
        assertThat(GPU.get().recorder()).isPresent();
    }
}
