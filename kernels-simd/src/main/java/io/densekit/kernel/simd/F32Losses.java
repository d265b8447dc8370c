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
    /** PyTorch clamps BCE's logs here. */
    private static final float LOG_FLOOR = -100;

    final double loss(LossKind kind, float[] p, int po, float[] t, int to, int rows, int cols, boolean indices) {
        double total = 0;
        float[] lse = null;
        if (kind == LossKind.CROSS_ENTROPY) {
            lse = scratch(Workspace.SCRATCH_3, rows);
            logSumExpRows(p, po, rows, cols, lse, scratch(Workspace.SCRATCH_1, rows * cols), 0);
        }
        for (int r = 0; r < rows; r++) {
            int pr = po + r * cols;
            total += switch (kind) {
                case MSE -> squaredError(p, pr, t, to + r * cols, cols);
                case BCE -> bceRow(p, pr, t, to + r * cols, cols, r);
                case CROSS_ENTROPY -> indices ? lse[r] - p[pr + KernelChecks.classIndex(t[to + r], r, cols)]
                        : lse[r] * sum(t, to + r * cols, cols) - dot(t, to + r * cols, p, pr, cols);
                case NLL -> indices ? -p[pr + KernelChecks.classIndex(t[to + r], r, cols)]
                        : -dot(t, to + r * cols, p, pr, cols);
            };
        }
        return kind == LossKind.MSE || kind == LossKind.BCE ? total / ((double) rows * cols) : total / rows;
    }

    private float squaredError(float[] p, int po, float[] t, int to, int n) {
        VectorSpecies<Float> s = sp();
        if (n < s.length()) {
            // A row shorter than a vector (an output layer of 3, say): the same sum one element at a
            // time. Lane j holds fma(d_j, d_j, 0); the lanes past n hold +0, and adding +0 to a sum
            // of squares (never -0) changes no bit, so they are left out, and with them the masked
            // loads and the per-lane reads, which cost more than the arithmetic of such a row.
            float total = 0;
            for (int i = 0; i < n; i++) {
                float d = p[po + i] - t[to + i];
                float lane = Math.fma(d, d, 0);
                total = i == 0 ? lane : total + lane;
            }
            return total;
        }
        FloatVector acc = FloatVector.zero(s);
        for (int i = 0; i < n; i += s.length()) {
            VectorMask<Float> m = s.indexInRange(i, n);
            FloatVector d = FloatVector.fromArray(s, p, po + i, m).sub(FloatVector.fromArray(s, t, to + i, m));
            acc = d.fma(d, acc);
        }
        // The lanes added left to right, here rather than in a helper: a vector passed to a method
        // the JIT does not inline is boxed on the heap (see F32Elementary).
        float total = acc.lane(0);
        for (int j = 1; j < s.length(); j++) {
            total += acc.lane(j);
        }
        return total;
    }

    /** Sum of (t - 1) max(log(1 - p), -100) - t max(log p, -100) over one row. */
    private float bceRow(float[] p, int po, float[] t, int to, int n, int row) {
        checkProbabilities(p, po, t, to, n, row);
        VectorSpecies<Float> s = sp();
        float[] logP = scratch(Workspace.SCRATCH_1, n);
        float[] log1mP = scratch(Workspace.SCRATCH_2, n);
        logInto(p, po, logP, 0, n);
        log1pInto(p, po, -1, log1mP, 0, n);
        float one = 1;
        FloatVector acc = FloatVector.zero(s);
        for (int i = 0; i < n; i += s.length()) {
            VectorMask<Float> m = s.indexInRange(i, n);
            FloatVector tv = FloatVector.fromArray(s, t, to + i, m);
            FloatVector a = FloatVector.fromArray(s, log1mP, i, m).max(LOG_FLOOR);
            FloatVector b = FloatVector.fromArray(s, logP, i, m).max(LOG_FLOOR);
            acc = acc.add(tv.sub(one).mul(a).sub(tv.mul(b)), m);
        }
        // The lanes added left to right, here rather than in a helper: a vector passed to a method
        // the JIT does not inline is boxed on the heap (see F32Elementary).
        float total = acc.lane(0);
        for (int j = 1; j < s.length(); j++) {
            total += acc.lane(j);
        }
        return total;
    }

    /** BCE needs predictions and targets in [0, 1]; names the first element that is not. */
    private void checkProbabilities(float[] p, int po, float[] t, int to, int n, int row) {
        VectorSpecies<Float> s = sp();
        float zero = 0;
        float one = 1;
        for (int i = 0; i < n; i += s.length()) {
            VectorMask<Float> m = s.indexInRange(i, n);
            FloatVector pv = FloatVector.fromArray(s, p, po + i, m);
            FloatVector tv = FloatVector.fromArray(s, t, to + i, m);
            VectorMask<Float> ok = pv.compare(GE, zero).and(pv.compare(LE, one))
                    .and(tv.compare(GE, zero)).and(tv.compare(LE, one));
            if (!ok.or(m.not()).allTrue()) {
                int c = i + ok.not().and(m).firstTrue();
                throw new IllegalArgumentException("bce: element [" + row + ", " + c + "] has prediction "
                        + (double) p[po + c] + " and target " + (double) t[to + c] + "; both must lie in [0, 1]");
            }
        }
    }

    final void lossGradient(LossKind kind, float[] p, int po, float[] t, int to, float[] g, int go, int rows,
                            int cols, boolean indices) {
        switch (kind) {
            case MSE -> {
                // Element-wise, so the rows run as one array.
                mseGrad(p, po, t, to, g, go, rows * cols, (float) (2.0 / ((double) rows * cols)));
            }
            case BCE -> {
                float inv = (float) (1.0 / ((double) rows * cols));
                for (int r = 0; r < rows; r++) {
                    checkProbabilities(p, po + r * cols, t, to + r * cols, cols, r);
                    bceGradRow(p, po + r * cols, t, to + r * cols, g, go + r * cols, cols, inv);
                }
            }
            case CROSS_ENTROPY -> {
                float inv = (float) (1.0 / rows);
                // e = e^(p - lse) for the whole block: in g itself unless g is p.
                float[] e = g == p ? scratch(Workspace.SCRATCH_1, rows * cols) : g;
                int eo = g == p ? 0 : go;
                float[] lse = scratch(Workspace.SCRATCH_3, rows);
                logSumExpRows(p, po, rows, cols, lse, e, eo);
                for (int r = 0; r < rows; r++) {
                    shiftInto(p, po + r * cols, lse[r], e, eo + r * cols, cols);
                }
                expSum(e, eo, 1, 0, e, eo, rows * cols);
                for (int r = 0; r < rows; r++) {
                    int gr = go + r * cols;
                    if (indices) {
                        int cls = KernelChecks.classIndex(t[to + r], r, cols);
                        crossEntropyGradRow(e, eo + r * cols, null, 0, g, gr, cols, 1, inv);
                        g[gr + cls] -= inv;
                    } else {
                        float mass = sum(t, to + r * cols, cols);
                        crossEntropyGradRow(e, eo + r * cols, t, to + r * cols, g, gr, cols, mass, inv);
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

    private void mseGrad(float[] p, int po, float[] t, int to, float[] g, int go, int n, float scale) {
        VectorSpecies<Float> s = sp();
        int i = 0;
        for (int whole = s.loopBound(n); i < whole; i += s.length()) {
            FloatVector.fromArray(s, p, po + i).sub(FloatVector.fromArray(s, t, to + i)).mul(scale)
                    .intoArray(g, go + i);
        }
        // The tail one by one (see F32Vec#add), the same subtract and multiply.
        for (; i < n; i++) {
            g[go + i] = (p[po + i] - t[to + i]) * scale;
        }
    }

    /** {@code (p - t) / max(p (1 - p), 1e-12) / N}. */
    private void bceGradRow(float[] p, int po, float[] t, int to, float[] g, int go, int n, float inv) {
        VectorSpecies<Float> s = sp();
        float one = 1;
        for (int i = 0; i < n; i += s.length()) {
            VectorMask<Float> m = s.indexInRange(i, n);
            FloatVector pv = FloatVector.fromArray(s, p, po + i, m);
            FloatVector tv = FloatVector.fromArray(s, t, to + i, m);
            pv.sub(tv).div(pv.neg().add(one).mul(pv).max(BCE_EPSILON)).mul(inv).intoArray(g, go + i, m);
        }
    }

    /** {@code g = (e mass - t) / n} for {@code e = e^(p - lse)}; t null means zero (class indices are handled by the caller). */
    private void crossEntropyGradRow(float[] e, int eo, float[] t, int to, float[] g, int go, int n, float mass,
                                     float inv) {
        VectorSpecies<Float> s = sp();
        for (int i = 0; i < n; i += s.length()) {
            VectorMask<Float> m = s.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(s, e, eo + i, m).mul(mass);
            if (t != null) {
                v = v.sub(FloatVector.fromArray(s, t, to + i, m));
            }
            v.mul(inv).intoArray(g, go + i, m);
        }
    }

    private void scaleInto(float[] x, int xo, float[] y, int yo, int n, float k) {
        VectorSpecies<Float> s = sp();
        for (int i = 0; i < n; i += s.length()) {
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
