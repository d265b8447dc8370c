package io.densekit.bench.jmh.simd;

import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.util.SplittableRandom;

/** Tensors for the per-operation benchmarks, filled once from a fixed seed. */
final class OpFixture {
    private final DType dtype;
    private final SplittableRandom rnd = new SplittableRandom(7);

    OpFixture(DType dtype) {
        this.dtype = dtype;
    }

    /** Uniform values in [lo, hi). */
    HostTensor uniform(double lo, double hi, int... shape) {
        HostTensor t = HostTensor.zeros(dtype, shape);
        for (int i = 0; i < (int) t.size(); i++) {
            t.setFlat(i, lo + rnd.nextDouble() * (hi - lo));
        }
        return t;
    }

    /** Rows of non-negative values that sum to one. */
    HostTensor distributions(int rows, int cols) {
        HostTensor t = uniform(0, 1, rows, cols);
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                sum += t.get(r, c);
            }
            for (int c = 0; c < cols; c++) {
                t.set(r, c, t.get(r, c) / sum);
            }
        }
        return t;
    }

    /** A column of class indices in [0, classes). */
    HostTensor classIndices(int rows, int classes) {
        HostTensor t = HostTensor.zeros(dtype, rows, 1);
        for (int r = 0; r < rows; r++) {
            t.setFlat(r, rnd.nextInt(classes));
        }
        return t;
    }

    HostTensor zeros(int... shape) {
        return HostTensor.zeros(dtype, shape);
    }
}
