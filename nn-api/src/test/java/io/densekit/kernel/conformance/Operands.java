package io.densekit.kernel.conformance;

import io.densekit.kernel.Kernel;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;

/** Moves host operands into a kernel's memory and results back, so checks read the same on every kernel. */
final class Operands {
    private Operands() {
    }

    static Tensor up(Kernel k, HostTensor h) {
        return h == null ? null : k.upload(h.copy());
    }

    static HostTensor down(Kernel k, Tensor t) {
        return k.download(t);
    }

    /** Sum over p of |op(a)[i,p] * op(b)[p,j]|: the error scale of a dot product. */
    static HostTensor gemmScale(boolean transA, boolean transB, HostTensor a, HostTensor b, double alpha,
                                double beta, HostTensor c, int m, int n, int k) {
        HostTensor s = HostTensor.zeros(io.densekit.tensor.DType.F64, m, n);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    double x = transA ? a.get(p, i) : a.get(i, p);
                    double y = transB ? b.get(j, p) : b.get(p, j);
                    sum += Math.abs(x * y);
                }
                double bc = beta == 0 ? 0 : Math.abs(beta * c.get(i, j));
                s.set(i, j, Math.abs(alpha) * sum + bc);
            }
        }
        return s;
    }

    /** Per-row sum of |x| broadcast to every element of the row, plus |x| itself. */
    static HostTensor rowAbsSum(HostTensor x) {
        HostTensor s = HostTensor.zeros(io.densekit.tensor.DType.F64, x.rows(), x.cols());
        for (int r = 0; r < x.rows(); r++) {
            double sum = 0;
            for (int c = 0; c < x.cols(); c++) {
                sum += Math.abs(x.get(r, c));
            }
            for (int c = 0; c < x.cols(); c++) {
                s.set(r, c, sum + Math.abs(x.get(r, c)));
            }
        }
        return s;
    }

    /** Element-wise |x| + |y|. */
    static HostTensor absPlus(HostTensor x, HostTensor y) {
        HostTensor s = HostTensor.zeros(io.densekit.tensor.DType.F64, x.rows(), x.cols());
        for (int i = 0; i < x.size(); i++) {
            s.setFlat(i, Math.abs(x.getFlat(i)) + Math.abs(y.getFlat(i)));
        }
        return s;
    }

    /** Column sums of |x| as a [1, cols] tensor. */
    static HostTensor colAbsSum(HostTensor x) {
        HostTensor s = HostTensor.zeros(io.densekit.tensor.DType.F64, 1, x.cols());
        for (int r = 0; r < x.rows(); r++) {
            for (int c = 0; c < x.cols(); c++) {
                s.set(0, c, s.get(0, c) + Math.abs(x.get(r, c)));
            }
        }
        return s;
    }
}
