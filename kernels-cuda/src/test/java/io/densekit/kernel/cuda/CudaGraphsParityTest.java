package io.densekit.kernel.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every PyTorch fixture again with CUDA graphs on: the trainer replays recorded steps, and the
 * results must meet the same bounds (float64 MAPE <= 1e-12). Skipped where no GPU is usable.
 */
class CudaGraphsParityTest extends CudaKernelParityTest {

    /** Hides the superclass's {@code open()}: the same kernel, with graphs on. */
    @BeforeAll
    static void open() {
        CudaConfig c = CudaConfig.fromSystem();
        kernel = Gpu.openOrNull(new CudaConfig(c.device(), c.tf32(), true));
    }

    @Test
    void recordsSteps() {
        assertThat(kernel.recorder()).isPresent();
    }
}
