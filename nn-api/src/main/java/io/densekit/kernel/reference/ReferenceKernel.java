package io.densekit.kernel.reference;

import io.densekit.kernel.Activation;
import io.densekit.kernel.AdamParams;
import io.densekit.kernel.HostKernel;
import io.densekit.kernel.KernelChecks;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.SgdParams;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;

/**
 * The oracle: plain loops, written to be read, not to be fast. Every operation reads its operands
 * as doubles, computes in double and rounds once when it stores, so float32 results are as exact as
 * float32 storage allows. Every other kernel is tested against this one.
 */
public final class ReferenceKernel extends HostKernel {
    public static final String NAME = "reference";

    /** PyTorch's floor under p (1 - p) in the BCE gradient. */
    private static final double BCE_EPSILON = 1e-12;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String details() {
        return "naive loops, float64 accumulation";
    }

    private double[] read(Tensor t) {
        return host(t).toDoubleArray();
    }

    private void write(Tensor t, double[] values) {
        HostTensor h = host(t);
        for (int i = 0; i < values.length; i++) {
            h.setFlat(i, values[i]);
        }
    }

    @Override
    public void gemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        KernelChecks.GemmDims d = KernelChecks.gemm(transA, transB, a, b, c);
        double[] av = read(a);
        double[] bv = read(b);
        double[] cv = read(c);
        int lda = a.cols();
        int ldb = b.cols();
        for (int i = 0; i < d.m(); i++) {
            for (int j = 0; j < d.n(); j++) {
                double sum = 0;
                for (int p = 0; p < d.k(); p++) {
                    double x = transA ? av[p * lda + i] : av[i * lda + p];
                    double y = transB ? bv[j * ldb + p] : bv[p * ldb + j];
                    sum += x * y;
                }
                int ci = i * d.n() + j;
                cv[ci] = beta == 0 ? alpha * sum : alpha * sum + beta * cv[ci];
            }
        }
        write(c, cv);
    }

    @Override
    public void addRowVector(Tensor bias, Tensor z) {
        KernelChecks.rowVector("addRowVector", bias, z);
        double[] bv = read(bias);
        double[] zv = read(z);
        int cols = z.cols();
        for (int i = 0; i < zv.length; i++) {
            zv[i] += bv[i % cols];
        }
        write(z, zv);
    }

    @Override
    public void columnSums(Tensor g, Tensor out) {
        KernelChecks.rowVector("columnSums", out, g);
        double[] gv = read(g);
        double[] sums = new double[g.cols()];
        for (int i = 0; i < gv.length; i++) {
            sums[i % g.cols()] += gv[i];
        }
        write(out, sums);
    }

    @Override
    public void activationForward(Activation act, Tensor z, Tensor a) {
        KernelChecks.sameShape("activationForward", z, a);
        double[] v = read(z);
        int cols = z.cols();
        switch (act) {
            case IDENTITY -> { }
            case RELU -> {
                for (int i = 0; i < v.length; i++) {
                    v[i] = v[i] > 0 ? v[i] : (Double.isNaN(v[i]) ? v[i] : 0.0);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < v.length; i++) {
                    v[i] = 1.0 / (1.0 + Math.exp(-v[i]));
                }
            }
            case TANH -> {
                for (int i = 0; i < v.length; i++) {
                    v[i] = Math.tanh(v[i]);
                }
            }
            case SOFTMAX, LOG_SOFTMAX -> {
                for (int r = 0; r < z.rows(); r++) {
                    int o = r * cols;
                    double max = rowMax(v, o, cols);
                    double sum = expSum(v, o, cols, max);
                    double logSum = Math.log(sum);
                    for (int c = 0; c < cols; c++) {
                        v[o + c] = act == Activation.SOFTMAX
                                ? Math.exp(v[o + c] - max) / sum
                                : v[o + c] - max - logSum;
                    }
                }
            }
        }
        write(a, v);
    }

    @Override
    public void activationBackward(Activation act, Tensor a, Tensor gradA, Tensor gradZ) {
        KernelChecks.sameShape("activationBackward", a, gradA, gradZ);
        double[] av = read(a);
        double[] g = read(gradA);
        int cols = a.cols();
        switch (act) {
            case IDENTITY -> { }
            case RELU -> {
                for (int i = 0; i < g.length; i++) {
                    g[i] = av[i] > 0 ? g[i] : 0.0;
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < g.length; i++) {
                    g[i] = g[i] * (av[i] * (1.0 - av[i]));
                }
            }
            case TANH -> {
                for (int i = 0; i < g.length; i++) {
                    g[i] = g[i] * (1.0 - av[i] * av[i]);
                }
            }
            case SOFTMAX -> {
                for (int r = 0; r < a.rows(); r++) {
                    int o = r * cols;
                    double dot = 0;
                    for (int c = 0; c < cols; c++) {
                        dot += g[o + c] * av[o + c];
                    }
                    for (int c = 0; c < cols; c++) {
                        g[o + c] = av[o + c] * (g[o + c] - dot);
                    }
                }
            }
            case LOG_SOFTMAX -> {
                for (int r = 0; r < a.rows(); r++) {
                    int o = r * cols;
                    double sum = 0;
                    for (int c = 0; c < cols; c++) {
                        sum += g[o + c];
                    }
                    for (int c = 0; c < cols; c++) {
                        g[o + c] = g[o + c] - Math.exp(av[o + c]) * sum;
                    }
                }
            }
        }
        write(gradZ, g);
    }

    @Override
    public double loss(LossKind kind, Tensor pred, Tensor target) {
        boolean indices = KernelChecks.lossTargets(kind, pred, target);
        double[] p = read(pred);
        double[] t = read(target);
        int n = pred.rows();
        int cols = pred.cols();
        double sum = 0;
        switch (kind) {
            case MSE -> {
                for (int i = 0; i < p.length; i++) {
                    double d = p[i] - t[i];
                    sum += d * d;
                }
                return sum / p.length;
            }
            case BCE -> {
                for (int i = 0; i < p.length; i++) {
                    checkProbability(p[i], t[i], i, cols);
                    sum += (t[i] - 1) * Math.max(Math.log1p(-p[i]), -100.0) - t[i] * Math.max(Math.log(p[i]), -100.0);
                }
                return sum / p.length;
            }
            case CROSS_ENTROPY -> {
                for (int r = 0; r < n; r++) {
                    int o = r * cols;
                    double lse = logSumExp(p, o, cols);
                    if (indices) {
                        sum += lse - p[o + KernelChecks.classIndex(t[r], r, cols)];
                    } else {
                        for (int c = 0; c < cols; c++) {
                            sum -= t[o + c] * (p[o + c] - lse);
                        }
                    }
                }
                return sum / n;
            }
            case NLL -> {
                for (int r = 0; r < n; r++) {
                    int o = r * cols;
                    if (indices) {
                        sum -= p[o + KernelChecks.classIndex(t[r], r, cols)];
                    } else {
                        for (int c = 0; c < cols; c++) {
                            sum -= t[o + c] * p[o + c];
                        }
                    }
                }
                return sum / n;
            }
            default -> throw new IllegalArgumentException("unsupported loss " + kind);
        }
    }

    @Override
    public void lossGradient(LossKind kind, Tensor pred, Tensor target, Tensor grad) {
        boolean indices = KernelChecks.lossTargets(kind, pred, target);
        KernelChecks.sameShape("lossGradient", pred, grad);
        double[] p = read(pred);
        double[] t = read(target);
        double[] g = new double[p.length];
        int n = pred.rows();
        int cols = pred.cols();
        switch (kind) {
            case MSE -> {
                for (int i = 0; i < p.length; i++) {
                    g[i] = 2.0 * (p[i] - t[i]) / p.length;
                }
            }
            case BCE -> {
                for (int i = 0; i < p.length; i++) {
                    checkProbability(p[i], t[i], i, cols);
                    g[i] = (p[i] - t[i]) / Math.max((1.0 - p[i]) * p[i], BCE_EPSILON) / p.length;
                }
            }
            case CROSS_ENTROPY -> {
                for (int r = 0; r < n; r++) {
                    int o = r * cols;
                    double lse = logSumExp(p, o, cols);
                    double targetMass = 0;
                    if (indices) {
                        targetMass = 1;
                    } else {
                        for (int c = 0; c < cols; c++) {
                            targetMass += t[o + c];
                        }
                    }
                    for (int c = 0; c < cols; c++) {
                        g[o + c] = Math.exp(p[o + c] - lse) * targetMass;
                    }
                    if (indices) {
                        g[o + KernelChecks.classIndex(t[r], r, cols)] -= 1.0;
                    } else {
                        for (int c = 0; c < cols; c++) {
                            g[o + c] -= t[o + c];
                        }
                    }
                    for (int c = 0; c < cols; c++) {
                        g[o + c] /= n;
                    }
                }
            }
            case NLL -> {
                for (int r = 0; r < n; r++) {
                    int o = r * cols;
                    if (indices) {
                        g[o + KernelChecks.classIndex(t[r], r, cols)] = -1.0 / n;
                    } else {
                        for (int c = 0; c < cols; c++) {
                            g[o + c] = -t[o + c] / n;
                        }
                    }
                }
            }
            default -> throw new IllegalArgumentException("unsupported loss " + kind);
        }
        write(grad, g);
    }

    /** log(sum(exp(v))) over one row, with the max subtracted first so nothing overflows. */
    private static double logSumExp(double[] v, int offset, int count) {
        double max = rowMax(v, offset, count);
        return max + Math.log(expSum(v, offset, count, max));
    }

    private static double rowMax(double[] v, int offset, int count) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < count; c++) {
            max = Math.max(max, v[offset + c]);
        }
        return max;
    }

    private static double expSum(double[] v, int offset, int count, double max) {
        double sum = 0;
        for (int c = 0; c < count; c++) {
            sum += Math.exp(v[offset + c] - max);
        }
        return sum;
    }

    private static void checkProbability(double p, double t, int flat, int cols) {
        if (!(p >= 0 && p <= 1) || !(t >= 0 && t <= 1)) {
            throw new IllegalArgumentException("bce: element [" + flat / cols + ", " + flat % cols
                    + "] has prediction " + p + " and target " + t + "; both must lie in [0, 1]");
        }
    }

    @Override
    public long countCorrect(Tensor pred, Tensor target) {
        boolean indices = target.cols() == 1 && pred.cols() > 1;
        if (!indices) {
            KernelChecks.sameShape("countCorrect", pred, target);
        } else if (target.rows() != pred.rows()) {
            KernelChecks.sameShape("countCorrect", pred, target);
        }
        HostTensor p = host(pred);
        HostTensor t = host(target);
        long correct = 0;
        for (int r = 0; r < pred.rows(); r++) {
            int want = indices ? KernelChecks.classIndex(t.get(r, 0), r, pred.cols()) : argMax(t, r);
            if (argMax(p, r) == want) {
                correct++;
            }
        }
        return correct;
    }

    private static int argMax(HostTensor t, int row) {
        int best = 0;
        for (int c = 1; c < t.cols(); c++) {
            if (t.get(row, c) > t.get(row, best)) {
                best = c;
            }
        }
        return best;
    }

    @Override
    public void sgdUpdate(Tensor param, Tensor grad, Tensor momentumBuffer, SgdParams s, boolean firstStep) {
        KernelChecks.sgdUpdate(param, grad, momentumBuffer, s);
        double[] p = read(param);
        double[] g = read(grad);
        double[] buf = s.hasMomentum() ? read(momentumBuffer) : null;
        for (int i = 0; i < p.length; i++) {
            double d = s.weightDecay() != 0 ? g[i] + s.weightDecay() * p[i] : g[i];
            if (buf != null) {
                buf[i] = firstStep ? d : s.momentum() * buf[i] + (1 - s.dampening()) * d;
                d = s.nesterov() ? d + s.momentum() * buf[i] : buf[i];
            }
            p[i] = p[i] + (-s.lr()) * d;
        }
        write(param, p);
        if (buf != null) {
            write(momentumBuffer, buf);
        }
    }

    @Override
    public void adamUpdate(Tensor param, Tensor grad, Tensor m, Tensor v, AdamParams a, long step) {
        KernelChecks.adamUpdate(param, grad, m, v, a, step);
        double[] p = read(param);
        double[] g = read(grad);
        double[] mv = read(m);
        double[] vv = read(v);
        double weight = 1 - a.beta1();
        double stepSize = a.lr() / (1 - Math.pow(a.beta1(), step));
        double bc2Sqrt = Math.sqrt(1 - Math.pow(a.beta2(), step));
        for (int i = 0; i < p.length; i++) {
            double d = a.weightDecay() != 0 ? g[i] + a.weightDecay() * p[i] : g[i];
            mv[i] = lerp(mv[i], d, weight);
            vv[i] = vv[i] * a.beta2() + (1 - a.beta2()) * d * d;
            double denom = Math.sqrt(vv[i]) / bc2Sqrt + a.eps();
            p[i] = p[i] + (-stepSize) * (mv[i] / denom);
        }
        write(param, p);
        write(m, mv);
        write(v, vv);
    }

    /** torch.lerp's formula, which picks its form by the weight to stay exact at both ends. */
    static double lerp(double start, double end, double weight) {
        return weight < 0.5 ? start + weight * (end - start) : end - (end - start) * (1 - weight);
    }
}
