package io.densekit.bench.jmh;

import io.densekit.kernel.Kernel;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;
import java.util.SplittableRandom;

/** Benchmark operands in a kernel's memory, filled from a fixed seed so that every run sees the same numbers. */
final class Operands {
    private final Kernel kernel;
    private final DType dtype;
    private final SplittableRandom random;

    Operands(Kernel kernel, DType dtype, long seed) {
        this.kernel = kernel;
        this.dtype = dtype;
        this.random = new SplittableRandom(seed);
    }

    /** Uniform in [-bound, bound). */
    Tensor uniform(double bound, int... shape) {
        HostTensor t = HostTensor.zeros(dtype, shape);
        for (int i = 0; i < t.size(); i++) {
            t.setFlat(i, random.nextDouble(-bound, bound));
        }
        return kernel.upload(t);
    }

    Tensor zeros(int... shape) {
        return kernel.allocate(dtype, shape);
    }
}
