package io.densekit.kernel.conformance;

import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.util.SplittableRandom;

/** Seeded random operands for the conformance checks. */
public final class RandomTensors {
    private final SplittableRandom random;

    public RandomTensors(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Uniform in [lo, hi). */
    public HostTensor uniform(DType dtype, int rows, int cols, double lo, double hi) {
        HostTensor t = HostTensor.zeros(dtype, rows, cols);
        for (int i = 0; i < rows * cols; i++) {
            t.setFlat(i, lo + (hi - lo) * random.nextDouble());
        }
        return t;
    }

    public HostTensor normalish(DType dtype, int rows, int cols) {
        return uniform(dtype, rows, cols, -2, 2);
    }

    /** Class indices in [0, classes) as an {@code [rows, 1]} tensor. */
    public HostTensor classIndices(DType dtype, int rows, int classes) {
        HostTensor t = HostTensor.zeros(dtype, rows, 1);
        for (int i = 0; i < rows; i++) {
            t.setFlat(i, random.nextInt(classes));
        }
        return t;
    }

    /** Rows of non-negative values summing to 1. */
    public HostTensor probabilities(DType dtype, int rows, int cols) {
        HostTensor t = HostTensor.zeros(dtype, rows, cols);
        for (int r = 0; r < rows; r++) {
            double[] v = new double[cols];
            double s = 0;
            for (int c = 0; c < cols; c++) {
                v[c] = random.nextDouble() + 1e-3;
                s += v[c];
            }
            for (int c = 0; c < cols; c++) {
                t.set(r, c, v[c] / s);
            }
        }
        return t;
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
