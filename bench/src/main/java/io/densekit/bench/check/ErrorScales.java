package io.densekit.bench.check;

import io.densekit.kernel.Activation;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;

/**
 * The error scale of each result element: the sum of the magnitudes of the terms that produced it,
 * so that cancellation does not make a correct kernel look wrong. As in the conformance suite.
 */
final class ErrorScales {
    private ErrorScales() {
    }

    /** Sum over p of |op(a)[i,p] op(b)[p,j]|, times |alpha|, plus |beta c|: the scale of a dot product. */
    static HostTensor gemm(boolean transA, boolean transB, HostTensor a, HostTensor b, double alpha, double beta,
                           HostTensor c, int m, int n, int k) {
        HostTensor s = HostTensor.zeros(DType.F64, m, n);
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
        HostTensor s = HostTensor.zeros(DType.F64, x.rows(), x.cols());
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

    /** Element-wise |x| + |y| + floor. */
    static HostTensor absPlus(HostTensor x, HostTensor y, double floor) {
        HostTensor s = HostTensor.zeros(DType.F64, x.rows(), x.cols());
        for (int i = 0; i < x.size(); i++) {
            s.setFlat(i, Math.abs(x.getFlat(i)) + Math.abs(y.getFlat(i)) + floor);
        }
        return s;
    }

    /** Column sums of |x| as a [cols] tensor. */
    static HostTensor colAbsSum(HostTensor x) {
        HostTensor s = HostTensor.zeros(DType.F64, x.cols());
        for (int r = 0; r < x.rows(); r++) {
            for (int c = 0; c < x.cols(); c++) {
                s.setFlat(c, s.getFlat(c) + Math.abs(x.get(r, c)));
            }
        }
        return s;
    }

    /** Element-wise max of two scales. */
    static HostTensor max(HostTensor x, HostTensor y) {
        HostTensor s = HostTensor.zeros(DType.F64, y.rows(), y.cols());
        for (int i = 0; i < s.size(); i++) {
            s.setFlat(i, Math.max(Math.abs(x.getFlat(i)), Math.abs(y.getFlat(i))));
        }
        return s;
    }

    /** The magnitudes of the terms each activation's backward formula adds or subtracts. */
    static HostTensor activationBackward(Activation act, HostTensor a, HostTensor g) {
        HostTensor s = HostTensor.zeros(DType.F64, a.rows(), a.cols());
        for (int r = 0; r < a.rows(); r++) {
            double dot = 0;
            double gSum = 0;
            for (int c = 0; c < a.cols(); c++) {
                dot += Math.abs(g.get(r, c) * a.get(r, c));
                gSum += Math.abs(g.get(r, c));
            }
            for (int c = 0; c < a.cols(); c++) {
                double av = a.get(r, c);
                double gv = Math.abs(g.get(r, c));
                s.set(r, c, switch (act) {
                    case IDENTITY, RELU -> gv;
                    case SIGMOID -> gv * Math.abs(av) * (1 + Math.abs(av));
                    case TANH -> gv * (1 + av * av);
                    case SOFTMAX -> Math.abs(av) * (gv + dot);
                    case LOG_SOFTMAX -> gv + Math.exp(av) * gSum;
                });
            }
        }
        return s;
    }
}
