package io.densekit.bench.check;

import io.densekit.kernel.Kernel;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;
import java.util.SplittableRandom;

/** Seeded random operands and shapes, and the moves between host and kernel memory. */
public final class RandomOperands {
    private final SplittableRandom random;

    public RandomOperands(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** A size in [1, max], biased towards odd ones that are not multiples of a vector width. */
    public int size(int max) {
        return 1 + random.nextInt(max);
    }

    public boolean coin() {
        return random.nextBoolean();
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

    /** A copy of {@code h} in the kernel's memory (a copy, so the kernel cannot change the host operand). */
    static Tensor up(Kernel k, HostTensor h) {
        return h == null ? null : k.upload(h.copy());
    }

    static HostTensor down(Kernel k, Tensor t) {
        return k.download(t);
    }
}
