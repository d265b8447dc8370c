package io.densekit.kernel.cuda;

import io.densekit.kernel.Kernel;
import io.densekit.parity.PyTorchParitySuite;
import org.junit.jupiter.api.Test;

/** The PyTorch fixtures on a GPU kernel; each subclass registers its {@link GpuKernel}. */
abstract class CudaParityBase extends PyTorchParitySuite {

    /** The subclass's kernel. */
    abstract GpuKernel gpu();

    /** Runs on the GPU, and where there is none reports the skip with its reason (surefire lists no skipped factories). */
    @Test
    void runsOnTheGpu() {
        GpuKernel.assertIsTheGpu(kernel());
    }

    @Override
    protected Kernel kernel() {
        return gpu().get();
    }
}
