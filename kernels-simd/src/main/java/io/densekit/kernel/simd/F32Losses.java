package io.densekit.kernel.simd;

import static jdk.incubator.vector.VectorOperators.GE;
import static jdk.incubator.vector.VectorOperators.LE;

import io.densekit.kernel.KernelChecks;
import io.densekit.kernel.LossKind;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 losses (mean-reduced, PyTorch's semantics) and their gradients. Each row is summed in
 * float32 vectors and the rows in double, so a large batch loses no more than one row's rounding.
 */
abstract class F32Losses extends F32Vec {
    /** PyTorch's floor under p (1 - p) in the BCE gradient. */
    private static final float BCE_EPSILON = (float) 1e-12;

    final double loss(LossKind kind, float[] p, int po, float[] t, int to, int rows, int cols, boolean indices) {
        double total = 0;
        for (int r = 0; r < rows; r++) {
            int pr = po + r * cols;
            total += switch (kind) {
                case MSE -> squaredError(p, pr, t, to + r * cols, cols);
                case BCE -> bceRow(p, pr, t, to + r * cols, cols, r);
                case CROSS_ENTROPY -> {
                    float lse = logSumExp(p, pr, cols);
                    yield indices ? lse - p[pr + KernelChecks.classIndex(t[to + r], r, cols)]
                            : lse * sum(t, to + r * cols, cols) - dot(t, to + r * cols, p, pr, cols);
                }
                case NLL -> indices ? -p[pr + KernelChecks.classIndex(t[to + r], r, cols)]
                        : -dot(t, to + r * cols, p, pr, cols);
            };
        }
        return kind == LossKind.MSE || kind == LossKind.BCE ? total / ((double) rows * cols) : total / rows;
    }

    private float squaredError(float[] p, int po, float[] t, int to, int n) {
        VectorSpecies<Float> s = sp();
        FloatVector acc = FloatVector.zero(s);
        int i = 0;
        for (int bound = s.loopBound(n); i < bound; i += s.length()) {
            FloatVector d = FloatVector.fromArray(s, p, po + i).sub(FloatVector.fromArray(s, t, to + i));
            acc = d.fma(d, acc);
        }
        if (i < n) {
            VectorMask<Float> m = s.indexInRange(i, n);
            FloatVector d = FloatVector.fromArray(s, p, po + i, m).sub(FloatVector.fromArray(s, t, to + i, m));
            acc = d.fma(d, acc);
        }
        return laneSum(acc);
    }

    /** (t - 1) max(log(1 - p), -100) - t max(log p, -100), logs clamped as PyTorch does. */
    private float bceRow(float[] p, int po, float[] t, int to, int n, int row) {
        VectorSpecies<Float> s = sp();
        FloatVector acc = FloatVector.zero(s);
        int i = 0;
        for (int bound = s.loopBound(n); i < bound; i += s.length()) {
            FloatVector pv = FloatVector.fromArray(s, p, po + i);
            FloatVector tv = FloatVector.fromArray(s, t, to + i);
            checkProbabilities(pv, tv, s.maskAll(true), p, po, t, to, i, row);
            acc = acc.add(bceTerm(pv, tv));
        }
        if (i < n) {
            VectorMask<Float> m = s.indexInRange(i, n);
            FloatVector pv = FloatVector.fromArray(s, p, po + i, m);
            FloatVector tv = FloatVector.fromArray(s, t, to + i, m);
            checkProbabilities(pv, tv, m, p, po, t, to, i, row);
            acc = acc.add(bceTerm(pv, tv), m);
        }
        return laneSum(acc);
    }

    private FloatVector bceTerm(FloatVector p, FloatVector t) {
        float one = 1;
        float floor = -100;
        FloatVector log1mp = log1p(p.neg()).max(floor);
        FloatVector logp = log(p).max(floor);
        return t.sub(one).mul(log1mp).sub(t.mul(logp));
    }

    /** BCE needs predictions and targets in [0, 1]; names the first element that is not. */
    private void checkProbabilities(FloatVector pv, FloatVector tv, VectorMask<Float> active, float[] p, int po,
                                    float[] t, int to, int i, int row) {
        float zero = 0;
        float one = 1;
        VectorMask<Float> ok = pv.compare(GE, zero).and(pv.compare(LE, one))
                .and(tv.compare(GE, zero)).and(tv.compare(LE, one));
        if (!ok.or(active.not()).allTrue()) {
            int lane = ok.not().and(active).firstTrue();
            throw new IllegalArgumentException("bce: element [" + row + ", " + (i + lane) + "] has prediction "
                    + (double) p[po + i + lane] + " and target " + (double) t[to + i + lane]
                    + "; both must lie in [0, 1]");
        }
    }

    final void lossGradient(LossKind kind, float[] p, int po, float[] t, int to, float[] g, int go, int rows,
                            int cols, boolean indices) {
        switch (kind) {
            case MSE -> {
                float scale = (float) (2.0 / ((double) rows * cols));
                for (int r = 0; r < rows; r++) {
                    mseGradRow(p, po + r * cols, t, to + r * cols, g, go + r * cols, cols, scale);
                }
            }
            case BCE -> {
                float inv = (float) (1.0 / ((double) rows * cols));
                for (int r = 0; r < rows; r++) {
                    bceGradRow(p, po + r * cols, t, to + r * cols, g, go + r * cols, cols, inv, r);
                }
            }
            case CROSS_ENTROPY -> {
                float inv = (float) (1.0 / rows);
                for (int r = 0; r < rows; r++) {
                    int pr = po + r * cols;
                    int gr = go + r * cols;
                    float lse = logSumExp(p, pr, cols);
                    if (indices) {
                        int cls = KernelChecks.classIndex(t[to + r], r, cols);
                        crossEntropyGradRow(p, pr, null, 0, g, gr, cols, lse, 1, inv);
                        g[gr + cls] -= inv;
                    } else {
                        float mass = sum(t, to + r * cols, cols);
                        crossEntropyGradRow(p, pr, t, to + r * cols, g, gr, cols, lse, mass, inv);
                    }
                }
            }
            case NLL -> {
                float inv = (float) (1.0 / rows);
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

    private void mseGradRow(float[] p, int po, float[] t, int to, float[] g, int go, int n, float scale) {
        VectorSpecies<Float> s = sp();
        int i = 0;
        for (int bound = s.loopBound(n); i < bound; i += s.length()) {
            FloatVector.fromArray(s, p, po + i).sub(FloatVector.fromArray(s, t, to + i)).mul(scale).intoArray(g, go + i);
        }
        if (i < n) {
            VectorMask<Float> m = s.indexInRange(i, n);
            FloatVector.fromArray(s, p, po + i, m).sub(FloatVector.fromArray(s, t, to + i, m)).mul(scale)
                    .intoArray(g, go + i, m);
        }
    }

    private void bceGradRow(float[] p, int po, float[] t, int to, float[] g, int go, int n, float inv, int row) {
        VectorSpecies<Float> s = sp();
        float one = 1;
        int i = 0;
        for (int bound = s.loopBound(n); i < bound; i += s.length()) {
            FloatVector pv = FloatVector.fromArray(s, p, po + i);
            FloatVector tv = FloatVector.fromArray(s, t, to + i);
            checkProbabilities(pv, tv, s.maskAll(true), p, po, t, to, i, row);
            pv.sub(tv).div(pv.neg().add(one).mul(pv).max(BCE_EPSILON)).mul(inv).intoArray(g, go + i);
        }
        if (i < n) {
            VectorMask<Float> m = s.indexInRange(i, n);
            FloatVector pv = FloatVector.fromArray(s, p, po + i, m);
            FloatVector tv = FloatVector.fromArray(s, t, to + i, m);
            checkProbabilities(pv, tv, m, p, po, t, to, i, row);
            pv.sub(tv).div(pv.neg().add(one).mul(pv).max(BCE_EPSILON)).mul(inv).intoArray(g, go + i, m);
        }
    }

    /** {@code g = (e^(p - lse) mass - t) / n}; t null means zero (class indices are handled by the caller). */
    private void crossEntropyGradRow(float[] p, int po, float[] t, int to, float[] g, int go, int n, float lse,
                                     float mass, float inv) {
        VectorSpecies<Float> s = sp();
        int i = 0;
        for (int bound = s.loopBound(n); i < bound; i += s.length()) {
            FloatVector v = exp(FloatVector.fromArray(s, p, po + i).sub(lse)).mul(mass);
            if (t != null) {
                v = v.sub(FloatVector.fromArray(s, t, to + i));
            }
            v.mul(inv).intoArray(g, go + i);
        }
        if (i < n) {
            VectorMask<Float> m = s.indexInRange(i, n);
            FloatVector v = exp(FloatVector.fromArray(s, p, po + i, m).sub(lse)).mul(mass);
            if (t != null) {
                v = v.sub(FloatVector.fromArray(s, t, to + i, m));
            }
            v.mul(inv).intoArray(g, go + i, m);
        }
    }

    private void scaleInto(float[] x, int xo, float[] y, int yo, int n, float k) {
        VectorSpecies<Float> s = sp();
        int i = 0;
        for (int bound = s.loopBound(n); i < bound; i += s.length()) {
            FloatVector.fromArray(s, x, xo + i).mul(k).intoArray(y, yo + i);
        }
        if (i < n) {
            VectorMask<Float> m = s.indexInRange(i, n);
            FloatVector.fromArray(s, x, xo + i, m).mul(k).intoArray(y, yo + i, m);
        }
    }

    /** Rows whose arg-max (first maximum wins) is the target class. */
    final long countCorrect(float[] p, int po, float[] t, int to, int rows, int cols, boolean indices) {
        long correct = 0;
        for (int r = 0; r < rows; r++) {
            int want = indices ? KernelChecks.classIndex(t[to + r], r, cols) : argMax(t, to + r * cols, cols);
            if (argMax(p, po + r * cols, cols) == want) {
                correct++;
            }
        }
        return correct;
    }

    private static int argMax(float[] x, int off, int n) {
        int best = 0;
        for (int c = 1; c < n; c++) {
            if (x[off + c] > x[off + best]) {
                best = c;
            }
        }
        return best;
    }
}
