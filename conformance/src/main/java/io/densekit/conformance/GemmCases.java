package io.densekit.conformance;

import static io.densekit.conformance.Operands.down;
import static io.densekit.conformance.Operands.up;

import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.RandomTensors;
import io.densekit.tensor.Tensor;
import java.util.Locale;

/** GEMM of one shape and transpose pair, with several alpha and beta, and beta 0 over a NaN output. */
public final class GemmCases {
    public static final String OP = "gemm";
    private static final double[][] ALPHA_BETA = {{1.0, 0.0}, {1.5, -0.5}, {-0.75, 1.0}};

    private GemmCases() {
    }

    public static Case of(DType dt, int m, int n, int k, boolean ta, boolean tb, long seed) {
        String name = String.format(Locale.ROOT, "gemm %s m=%d n=%d k=%d transA=%b transB=%b", dt, m, n, k, ta, tb);
        String shape = String.format(Locale.ROOT, "m=%d n=%d k=%d %s%s", m, n, k, ta ? "T" : "N", tb ? "T" : "N");
        return new Case(OP, name, (reference, kernel, recorder) -> {
            RandomTensors rnd = new RandomTensors(seed);
            HostTensor a = ta ? rnd.normalish(dt, k, m) : rnd.normalish(dt, m, k);
            HostTensor b = tb ? rnd.normalish(dt, n, k) : rnd.normalish(dt, k, n);
            HostTensor c = rnd.normalish(dt, m, n);
            double tol = Tolerance.reduction(dt, k + 1);
            for (double[] ab : ALPHA_BETA) {
                HostTensor expected = c.copy();
                reference.gemm(ta, tb, ab[0], a, b, ab[1], expected);
                Tensor cK = up(kernel, c);
                kernel.gemm(ta, tb, ab[0], up(kernel, a), up(kernel, b), ab[1], cK);
                recorder.record(OP, shape + " alpha=" + ab[0] + " beta=" + ab[1], Deviation.of(expected,
                        down(kernel, cK), ErrorScales.gemm(ta, tb, a, b, ab[0], ab[1], c, m, n, k)), tol);
            }
            // beta == 0 ignores c entirely, NaN included, as BLAS does.
            HostTensor nan = Operands.nan(dt, m, n);
            Tensor cK = up(kernel, nan);
            kernel.gemm(ta, tb, 1.0, up(kernel, a), up(kernel, b), 0.0, cK);
            HostTensor expected = nan.copy();
            reference.gemm(ta, tb, 1.0, a, b, 0.0, expected);
            recorder.record(OP, shape + " beta=0 over NaN", Deviation.of(expected, down(kernel, cK),
                    ErrorScales.gemm(ta, tb, a, b, 1, 0, nan, m, n, k)), tol);
        });
    }
}
