package io.densekit.conformance;

import io.densekit.kernel.Activation;
import io.densekit.kernel.AdamParams;
import io.densekit.kernel.LossKind;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;

/**
 * The error scale of each result element: the sum of the magnitudes of the terms that produced it,
 * so that cancellation does not make a correct kernel look wrong. A case's tolerance
 * ({@link Tolerance}) is a multiple of these.
 */
public final class ErrorScales {
    private ErrorScales() {
    }

    /** Sum over p of |op(a)[i,p] op(b)[p,j]|, times |alpha|, plus |beta c|: the scale of a dot product. */
    public static HostTensor gemm(boolean transA, boolean transB, HostTensor a, HostTensor b, double alpha,
                                  double beta, HostTensor c, int m, int n, int k) {
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
    public static HostTensor rowAbsSum(HostTensor x) {
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
    public static HostTensor absPlus(HostTensor x, HostTensor y, double floor) {
        HostTensor s = HostTensor.zeros(DType.F64, x.rows(), x.cols());
        for (int i = 0; i < x.size(); i++) {
            s.setFlat(i, Math.abs(x.getFlat(i)) + Math.abs(y.getFlat(i)) + floor);
        }
        return s;
    }

    /** Column sums of |x| as a {@code [cols]} tensor. */
    public static HostTensor colAbsSum(HostTensor x) {
        HostTensor s = HostTensor.zeros(DType.F64, x.cols());
        for (int r = 0; r < x.rows(); r++) {
            for (int c = 0; c < x.cols(); c++) {
                s.setFlat(c, s.getFlat(c) + Math.abs(x.get(r, c)));
            }
        }
        return s;
    }

    /** Element-wise max(|x|, |y|). */
    public static HostTensor max(HostTensor x, HostTensor y) {
        HostTensor s = HostTensor.zeros(DType.F64, y.rows(), y.cols());
        for (int i = 0; i < s.size(); i++) {
            s.setFlat(i, Math.max(Math.abs(x.getFlat(i)), Math.abs(y.getFlat(i))));
        }
        return s;
    }

    /** The magnitudes of the terms each activation's backward formula adds or subtracts. */
    public static HostTensor activationBackward(Activation act, HostTensor a, HostTensor g) {
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

    /** The mean of the absolute terms a loss adds up. */
    public static double loss(LossKind kind, HostTensor p, HostTensor t) {
        double s = 0;
        for (int i = 0; i < p.size(); i++) {
            double pv = Math.abs(p.getFlat(i));
            s += switch (kind) {
                case MSE -> Math.pow(pv + Math.abs(t.getFlat(Math.min(i, (int) t.size() - 1))), 2);
                case BCE -> 100;
                default -> pv + 1;
            };
        }
        return kind == LossKind.MSE || kind == LossKind.BCE ? s / p.size() : s / p.rows() * 4;
    }

    /**
     * A loss gradient's scale: |grad| plus one element's share of the mean (MSE: its terms 2 (|p| + |t|)
     * over the element count).
     */
    public static HostTensor lossGradient(LossKind kind, HostTensor grad, HostTensor pred, HostTensor target) {
        HostTensor s = HostTensor.zeros(DType.F64, grad.rows(), grad.cols());
        double perElement = 1.0 / (grad.rows() * (double) grad.cols());
        for (int i = 0; i < s.size(); i++) {
            s.setFlat(i, Math.abs(grad.getFlat(i)) + (kind == LossKind.MSE
                    ? (Math.abs(pred.getFlat(i)) + Math.abs(target.getFlat(i))) * 2 * perElement : perElement));
        }
        return s;
    }

    /**
     * The scale of Adam's parameter and first moment after a step: |p| + |m| + 10 lr, plus the first
     * moment's new term (1 - beta1) (|grad| + weightDecay |p_before|).
     */
    public static HostTensor adamParam(AdamParams ap, HostTensor p, HostTensor m, HostTensor grad, HostTensor pBefore) {
        HostTensor s = absPlus(p, m, ap.lr() * 10);
        for (int i = 0; i < s.size(); i++) {
            s.setFlat(i, s.getFlat(i) + (1 - ap.beta1()) * decayedGradientTerms(ap, grad, pBefore, i));
        }
        return s;
    }

    /**
     * The scale of Adam's second moment after a step. Its terms are beta2 v_old and (1 - beta2) d^2
     * with d = grad + weightDecay p; where grad and the decay term nearly cancel, d's rounding error
     * is relative to |grad| + weightDecay |p|, not to |d|.
     */
    public static HostTensor adamSecondMoment(AdamParams ap, HostTensor v, HostTensor grad, HostTensor pBefore) {
        HostTensor s = HostTensor.zeros(DType.F64, v.rows(), v.cols());
        for (int i = 0; i < s.size(); i++) {
            double d = grad.getFlat(i) + ap.weightDecay() * pBefore.getFlat(i);
            s.setFlat(i, Math.abs(v.getFlat(i)) + 2 * (1 - ap.beta2()) * Math.abs(d)
                    * decayedGradientTerms(ap, grad, pBefore, i));
        }
        return s;
    }

    private static double decayedGradientTerms(AdamParams ap, HostTensor grad, HostTensor p, int i) {
        return Math.abs(grad.getFlat(i)) + ap.weightDecay() * Math.abs(p.getFlat(i));
    }

    /** Every element's scale is the largest magnitude in the tensor. */
    public static HostTensor largest(HostTensor t) {
        double max = 0;
        for (int i = 0; i < t.size(); i++) {
            max = Math.max(max, Math.abs(t.getFlat(i)));
        }
        HostTensor s = HostTensor.zeros(DType.F64, t.rows(), t.cols());
        for (int i = 0; i < s.size(); i++) {
            s.setFlat(i, max);
        }
        return s;
    }
}
