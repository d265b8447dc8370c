package io.densekit.bench.harness;

import io.densekit.kernel.Kernel;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;
import java.util.List;
import java.util.SplittableRandom;

/** {@code c = op(a) op(b)} with op(a) {@code [m, k]} and op(b) {@code [k, n]}; beta 0, as a dense layer calls it. */
public record GemmWorkload(int m, int k, int n, boolean transA, boolean transB) implements Workload {

    public GemmWorkload {
        if (m <= 0 || k <= 0 || n <= 0) {
            throw new IllegalArgumentException("GEMM sizes must be positive, got m=" + m + " k=" + k + " n=" + n);
        }
    }

    public static GemmWorkload square(int size) {
        return new GemmWorkload(size, size, size, false, false);
    }

    /**
     * The three products of a dense layer 784 -> 128 at batch 512, in the transposes backpropagation
     * calls them with: forward {@code X W^T} ([512,784] x [128,784]^T), weight gradient {@code dZ^T X}
     * ([512,128]^T x [512,784]) and input gradient {@code dZ W} ([512,128] x [128,784]).
     */
    public static List<GemmWorkload> layer() {
        return List.of(new GemmWorkload(512, 784, 128, false, true), new GemmWorkload(128, 512, 784, true, false),
                new GemmWorkload(512, 128, 784, false, false));
    }

    public boolean isSquare() {
        return m == k && k == n && !transA && !transB;
    }

    @Override
    public String op() {
        return "gemm";
    }

    @Override
    public String label() {
        return isSquare() ? Integer.toString(m)
                : m + "x" + k + "x" + n + (transA ? " T" : " N") + (transB ? "T" : "N");
    }

    @Override
    public double flops() {
        return 2.0 * m * k * n;
    }

    @Override
    public Prepared prepare(Kernel kernel, DType dtype) {
        SplittableRandom random = new SplittableRandom(m * 31L + k * 7L + n);
        Tensor a = kernel.upload(uniform(dtype, random, transA ? k : m, transA ? m : k));
        Tensor b = kernel.upload(uniform(dtype, random, transB ? n : k, transB ? k : n));
        Tensor c = kernel.allocate(dtype, m, n);
        return new Prepared() {
            @Override
            public void run() {
                kernel.gemm(transA, transB, 1.0, a, b, 0.0, c);
                kernel.synchronize();
            }

            @Override
            public void close() {
                a.close();
                b.close();
                c.close();
            }
        };
    }

    static HostTensor uniform(DType dtype, SplittableRandom random, int rows, int cols) {
        HostTensor t = HostTensor.zeros(dtype, rows, cols);
        for (int i = 0; i < t.size(); i++) {
            t.setFlat(i, random.nextDouble(-1, 1));
        }
        return t;
    }
}
