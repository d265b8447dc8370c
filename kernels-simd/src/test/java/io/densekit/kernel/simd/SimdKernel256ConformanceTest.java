package io.densekit.kernel.simd;

import io.densekit.kernel.Kernel;
import io.densekit.conformance.KernelConformanceSuite;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The shared conformance suite with 256-bit vectors on 2 threads. Disabled (reported as skipped) on
 * a machine whose vectors are narrower: the width is a property of the machine, not a bug.
 */
@EnabledIf(value = "io.densekit.kernel.simd.Widths#has256BitVectors",
        disabledReason = "this machine's vectors are narrower than 256 bits")
class SimdKernel256ConformanceTest extends KernelConformanceSuite {
    private Kernel kernel;

    @Override
    protected Kernel kernel() {
        if (kernel == null) {
            kernel = new SimdKernel(new SimdConfig(256, 2));
        }
        return kernel;
    }
}
