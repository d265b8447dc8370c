package io.densekit.bench.jmh;

import io.densekit.kernel.Kernel;
import io.densekit.kernel.Kernels;

/**
 * The kernel a benchmark fork measures, found by discovery. {@link BenchMain} passes only kernels
 * that discovery reported available; should one still fail to start in the fork (other JVM flags),
 * the {@link io.densekit.kernel.KernelUnavailableException} names the reason and JMH reports that
 * one benchmark as failed and goes on with the rest.
 */
final class BenchKernel {
    private BenchKernel() {
    }

    static Kernel open(String name) {
        return Kernels.byName(name);
    }
}
