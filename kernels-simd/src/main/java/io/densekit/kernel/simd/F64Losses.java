package io.densekit.kernel.simd;

import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.LE;

import io.densekit.kernel.KernelChecks;
import io.densekit.kernel.LossKind;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * double64 losses (mean-reduced, PyTorch's semantics) and their gradients. Each row is summed in
 * double64 vectors and the rows in double, so a large batch loses no more than one row's rounding.
 */
abstract class F64Losses extends F64Vec {
    /** PyTorch's floor under p (1 - p) in the BCE gradient. */
    private static final double BCE_EPSILON = (double) 1e-12;

    final double loss(LossKind kind, double[] p, int po, double[] t, int to, int rows, int cols, boolean indices) {
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int pr = po + r * cols;
            total += switch (kind) {
                case MSE -> squaredError(p, pr, t, to + r * cols, cols);
                case BCE -> bceRow(p, pr, t, to + r * cols, cols, r);
                case CROSS_ENTROPY -> {
                    double lse = logSumExp(p, pr, cols);
                    yield indices ? lse - p[pr + KernelChecks.classIndex(t[to + r], r, cols)]
                            : lse * sum(t, to + r * cols, cols) - dot(t, to + r * cols, p, pr, cols);
                }
                case NLL -> indices ? -p[pr + KernelChecks.classIndex(t[to + r], r, cols)]
                        : -dot(t, to + r * cols, p, pr, cols);
            };
        }
        return kind == LossKind.MSE || kind == LossKind.BCE ? total / ((double) rows * cols) : total / rows;
    }

    private double squaredError(double[] p, int po, double[] t, int to, int n) {
        VectorSpecies<Double> s = sp();
        DoubleVector acc = DoubleVector.zero(s);
        int i = 0;
        for (int bound = s.loopBound(n); i < bound; i += s.length()) {
            DoubleVector d = DoubleVector.fromArray(s, p, po + i).sub(DoubleVector.fromArray(s, t, to + i));
            acc = d.fma(d, acc);
        }
        if (i < n) {
            VectorMask<Double> m = s.indexInRange(i, n);
            DoubleVector d = DoubleVector.fromArray(s, p, po + i, m).sub(DoubleVector.fromArray(s, t, to + i, m));
            acc = d.fma(d, acc);
        }
        return laneSum(acc);
    }

    /** (t - 1) max(log(1 - p), -100) - t max(log p, -100), logs clamped as PyTorch does. */
    private double bceRow(double[] p, int po, double[] t, int to, int n, int row) {
        VectorSpecies<Double> s = sp();
        DoubleVector acc = DoubleVector.zero(s);
        int i = 0;
        for (int bound = s.loopBound(n); i < bound; i += s.length()) {
            DoubleVector pv = DoubleVector.fromArray(s, p, po + i);
            DoubleVector tv = DoubleVector.fromArray(s, t, to + i);
            checkProbabilities(pv, tv, s.maskAll(true), p, po, t, to, i, row);
            acc = acc.add(bceTerm(pv, tv));
        }
        if (i < n) {
            VectorMask<Double> m = s.indexInRange(i, n);
            DoubleVector pv = DoubleVector.fromArray(s, p, po + i, m);
            DoubleVector tv = DoubleVector.fromArray(s, t, to + i, m);
            checkProbabilities(pv, tv, m, p, po, t, to, i, row);
            acc = acc.add(bceTerm(pv, tv), m);
        }
        return laneSum(acc);
    }

    private DoubleVector bceTerm(DoubleVector p, DoubleVector t) {
        double one = 1;
        double floor = -100;
        DoubleVector log1mp = log1p(p.neg()).max(floor);
        DoubleVector logp = log(p).max(floor);
        return t.sub(one).mul(log1mp).sub(t.mul(logp));
    }

    /** BCE needs predictions and targets in [0, 1]; names the first element that is not. */
    private void checkProbabilities(DoubleVector pv, DoubleVector tv, VectorMask<Double> active, double[] p, int po,
                                    double[] t, int to, int i, int row) {
        double zero = 0;
        double one = 1;
        VectorMask<Double> ok = pv.compare(GE, zero).and(pv.compare(LE, one))
                .and(tv.compare(GE, zero)).and(tv.compare(LE, one));
        if (!ok.or(active.not()).allTrue()) {
            int lane = ok.not().and(active).firstTrue();
            throw new IllegalArgumentException("bce: element [" + row + ", " + (i + lane) + "] has prediction "
                    + (double) p[po + i + lane] + " and target " + (double) t[to + i + lane]
                    + "; both must lie in [0, 1]");
        }
    }

    final void lossGradient(LossKind kind, double[] p, int po, double[] t, int to, double[] g, int go, int rows,
                            int cols, boolean indices) {
        switch (kind) {
            case MSE -> {
                double scale = (double) (2.0 / ((double) rows * cols));
                for (int r = 0; r < rows; r++) {
                    mseGradRow(p, po + r * cols, t, to + r * cols, g, go + r * cols, cols, scale);
                }
            }
            case BCE -> {
                double inv = (double) (1.0 / ((double) rows * cols));
                for (int r = 0; r < rows; r++) {
                    bceGradRow(p, po + r * cols, t, to + r * cols, g, go + r * cols, cols, inv, r);
                }
            }
            case CROSS_ENTROPY -> {
                double inv = (double) (1.0 / rows);
                for (int r = 0; r < rows; r++) {
                    int pr = po + r * cols;
                    int gr = go + r * cols;
                    double lse = logSumExp(p, pr, cols);
                    if (indices) {
                        int cls = KernelChecks.classIndex(t[to + r], r, cols);
                        crossEntropyGradRow(p, pr, null, 0, g, gr, cols, lse, 1, inv);
                        g[gr + cls] -= inv;
                    } else {
                        double mass = sum(t, to + r * cols, cols);
                        crossEntropyGradRow(p, pr, t, to + r * cols, g, gr, cols, lse, mass, inv);
                    }
                }
            }
            case NLL -> {
                double inv = (double) (1.0 / rows);
                for (int r = 0; r < rows; r++) {
                    int gr = go + r * cols;
                    if (indices) {
                        int cls = KernelChecks.classIndex(t[to + r], r, cols);
                        fill(g, gr, cols, 0);
                        g[gr + cls] = -inv;
                    } else {
                        scaleInto(t, to + r * cols, g, gr, cols, -inv);
                    }
                }
            }
        }
    }

    private void mseGradRow(double[] p, int po, double[] t, int to, double[] g, int go, int n, double scale) {
        VectorSpecies<Double> s = sp();
        int i = 0;
        for (int bound = s.loopBound(n); i < bound; i += s.length()) {
            DoubleVector.fromArray(s, p, po + i).sub(DoubleVector.fromArray(s, t, to + i)).mul(scale).intoArray(g, go + i);
        }
        if (i < n) {
            VectorMask<Double> m = s.indexInRange(i, n);
            DoubleVector.fromArray(s, p, po + i, m).sub(DoubleVector.fromArray(s, t, to + i, m)).mul(scale)
                    .intoArray(g, go + i, m);
        }
    }

    private void bceGradRow(double[] p, int po, double[] t, int to, double[] g, int go, int n, double inv, int row) {
        VectorSpecies<Double> s = sp();
        double one = 1;
        int i = 0;
        for (int bound = s.loopBound(n); i < bound; i += s.length()) {
            DoubleVector pv = DoubleVector.fromArray(s, p, po + i);
            DoubleVector tv = DoubleVector.fromArray(s, t, to + i);
            checkProbabilities(pv, tv, s.maskAll(true), p, po, t, to, i, row);
            pv.sub(tv).div(pv.neg().add(one).mul(pv).max(BCE_EPSILON)).mul(inv).intoArray(g, go + i);
        }
        if (i < n) {
            VectorMask<Double> m = s.indexInRange(i, n);
            DoubleVector pv = DoubleVector.fromArray(s, p, po + i, m);
            DoubleVector tv = DoubleVector.fromArray(s, t, to + i, m);
            checkProbabilities(pv, tv, m, p, po, t, to, i, row);
            pv.sub(tv).div(pv.neg().add(one).mul(pv).max(BCE_EPSILON)).mul(inv).intoArray(g, go + i, m);
        }
    }

    /** {@code g = (e^(p - lse) mass - t) / n}; t null means zero (class indices are handled by the caller). */
    private void crossEntropyGradRow(double[] p, int po, double[] t, int to, double[] g, int go, int n, double lse,
                                     double mass, double inv) {
        VectorSpecies<Double> s = sp();
        int i = 0;
        for (int bound = s.loopBound(n); i < bound; i += s.length()) {
            DoubleVector v = exp(DoubleVector.fromArray(s, p, po + i).sub(lse)).mul(mass);
            if (t != null) {
                v = v.sub(DoubleVector.fromArray(s, t, to + i));
            }
            v.mul(inv).intoArray(g, go + i);
        }
        if (i < n) {
            VectorMask<Double> m = s.indexInRange(i, n);
            DoubleVector v = exp(DoubleVector.fromArray(s, p, po + i, m).sub(lse)).mul(mass);
            if (t != null) {
                v = v.sub(DoubleVector.fromArray(s, t, to + i, m));
            }
            v.mul(inv).intoArray(g, go + i, m);
        }
    }

    private void scaleInto(double[] x, int xo, double[] y, int yo, int n, double k) {
        VectorSpecies<Double> s = sp();
        int i = 0;
        for (int bound = s.loopBound(n); i < bound; i += s.length()) {
            DoubleVector.fromArray(s, x, xo + i).mul(k).intoArray(y, yo + i);
        }
        if (i < n) {
            VectorMask<Double> m = s.indexInRange(i, n);
            DoubleVector.fromArray(s, x, xo + i, m).mul(k).intoArray(y, yo + i, m);
        }
    }

    /** Rows whose arg-max (first maximum wins) is the target class. */
    final long countCorrect(double[] p, int po, double[] t, int to, int rows, int cols, boolean indices) {
        long correct = 0;
        for (int r = 0; r < rows; r++) {
            int want = indices ? KernelChecks.classIndex(t[to + r], r, cols) : argMax(t, to + r * cols, cols);
            if (argMax(p, po + r * cols, cols) == want) {
                correct++;
            }
        }
        return correct;
    }

    private static int argMax(double[] x, int off, int n) {
        int best = 0;
        for (int c = 1; c < n; c++) {
            if (x[off + c] > x[off + best]) {
                best = c;
            }
        }
        return best;
    }
}
