package io.densekit.bench.check;

import static io.densekit.bench.check.RandomOperands.down;
import static io.densekit.bench.check.RandomOperands.up;

import io.densekit.kernel.Kernel;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;

/** GEMM in all four transpose variants on random shapes, with several alpha and beta, and beta 0 over NaN. */
final class GemmCheck implements OpCheck {
    static final String OP = "gemm";
    private static final double[][] ALPHA_BETA = {{1.0, 0.0}, {1.5, -0.5}, {-0.75, 1.0}};
    private final int shapes;
    private final int maxSize;

    GemmCheck(int shapes, int maxSize) {
        this.shapes = shapes;
        this.maxSize = maxSize;
    }

    @Override
    public void run(Kernel reference, Kernel kernel, RandomOperands rnd, Tally tally) {
        DType dt = tally.dtype();
        for (int s = 0; s < shapes; s++) {
            int m = rnd.size(maxSize);
            int n = rnd.size(maxSize);
            int k = rnd.size(maxSize);
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0;
                boolean tb = (t & 2) != 0;
                HostTensor a = ta ? rnd.normalish(dt, k, m) : rnd.normalish(dt, m, k);
                HostTensor b = tb ? rnd.normalish(dt, n, k) : rnd.normalish(dt, k, n);
                double[] ab = ALPHA_BETA[(s + t) % ALPHA_BETA.length];
                HostTensor c = ab[1] == 0 ? nan(dt, m, n) : rnd.normalish(dt, m, n);
                String what = String.format("m=%d n=%d k=%d %s%s alpha=%s beta=%s", m, n, k, ta ? "T" : "N",
                        tb ? "T" : "N", ab[0], ab[1]);
                try {
                    HostTensor expected = c.copy();
                    reference.gemm(ta, tb, ab[0], a, b, ab[1], expected);
                    Tensor cK = up(kernel, c);
                    kernel.gemm(ta, tb, ab[0], up(kernel, a), up(kernel, b), ab[1], cK);
                    tally.record(OP, what, Deviation.of(expected, down(kernel, cK),
                            ErrorScales.gemm(ta, tb, a, b, ab[0], ab[1], c, m, n, k)), Tolerances.reduction(dt, k + 1));
                } catch (RuntimeException e) {
                    tally.failed(OP, what, e);
                }
            }
        }
    }

    /** beta 0 must ignore c entirely, NaN included, as BLAS does. */
    private static HostTensor nan(DType dt, int m, int n) {
        HostTensor c = HostTensor.zeros(dt, m, n);
        for (int i = 0; i < m * n; i++) {
            c.setFlat(i, Double.NaN);
        }
        return c;
    }
}
