package io.densekit.kernel.cuda;

import io.densekit.kernel.Kernel;
import io.densekit.conformance.KernelConformanceSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The GPU kernel against the reference kernel; skipped with the reason where no GPU is usable. */
class CudaKernelConformanceTest extends KernelConformanceSuite {
    @RegisterExtension
    static final GpuKernel GPU = new GpuKernel(CudaConfig::fromSystem);

    /** Runs on the GPU, and where there is none reports the skip with its reason (surefire lists no skipped factories). */
    @Test
    void runsOnTheGpu() {
        GpuKernel.assertIsTheGpu(kernel());
    }

    @Override
    protected Kernel kernel() {
        return GPU.get();
    }
}
