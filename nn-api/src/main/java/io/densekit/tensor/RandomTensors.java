package io.densekit.tensor;

import java.util.SplittableRandom;

/**
 * Seeded random host tensors and shapes: the operands of the kernel conformance kit, of tests and
 * of benchmarks. One seed gives the same numbers on every machine and in every run, so a kernel
 * checked twice sees the same operands.
 */
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

    /** Uniform in [-2, 2): values of about unit size with both signs. */
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

    /** Rows of positive values summing to 1. */
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

    /** In [0, bound). */
    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    /** A size in [1, max]. */
    public int size(int max) {
        return 1 + random.nextInt(max);
    }

    public boolean coin() {
        return random.nextBoolean();
    }

    /** A seed for another generator, so that what one consumer draws does not shift another's numbers. */
    public long nextSeed() {
        return random.nextLong();
    }
}
