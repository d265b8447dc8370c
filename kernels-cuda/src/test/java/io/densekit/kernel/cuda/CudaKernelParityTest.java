package io.densekit.kernel.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.kernel.Kernel;
import io.densekit.parity.PyTorchParitySuite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The GPU kernel replays every PyTorch fixture (float64 MAPE <= 1e-12); skipped where no GPU is usable. */
class CudaKernelParityTest extends PyTorchParitySuite {
    static CudaKernel kernel; // set by open(), or by a subclass's open() that hides it

    @BeforeAll
    static void open() {
        kernel = Gpu.openOrNull(CudaConfig.fromSystem());
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
    }

    @Override
    protected Kernel kernel() {
        return kernel;
    }
}
