package io.densekit.kernel.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.kernel.Kernel;
import io.densekit.parity.PyTorchParitySuite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every PyTorch fixture again with CUDA graphs on: the trainer replays recorded steps, and the
 * results must meet the same bounds (float64 MAPE <= 1e-12). Skipped where no GPU is usable.
 */
class CudaGraphsParityTest extends PyTorchParitySuite {
    private static CudaKernel kernel;

    @BeforeAll
    static void open() {
        CudaConfig c = CudaConfig.fromSystem();
        kernel = Gpu.openOrNull(new CudaConfig(c.device(), c.tf32(), true));
    }

    @BeforeEach
    void needsGpu() {
        Gpu.assume();
    }

    @AfterAll
    static void close() {
        if (kernel != null) {
            kernel.close();
        }
    }

    /** Runs on the GPU, and where there is none reports the skip with its reason (surefire lists no skipped factories). */
    @Test
    void runsOnTheGpu() {
        assertThat(kernel.name()).isEqualTo("cuda");
        assertThat(kernel.device()).startsWith("cuda:");
        assertThat(kernel.recorder()).isPresent();
    }

    @Override
    protected Kernel kernel() {
        return kernel;
    }
}
