package io.densekit.kernel.simd;

import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LE;
import static jdk.incubator.vector.VectorOperators.MAX;

import io.densekit.kernel.Activation;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Element-wise and row-wise double64 work on arrays with offsets: bias, column sums, activations and
 * their backward passes. Every loop runs whole vectors and finishes with one masked vector.
 *
 * <p>The species comes from {@link #sp()}, which each width subclass of {@link F64Ops} answers with a
 * constant: the JIT then sees a constant species and compiles real vector instructions (a species
 * held in a field would not be constant, and every vector would be boxed). That is why the double64
 * code is one inheritance chain, F64Vec, F64Losses, F64Updates, F64Gemm, F64Ops, each class one job.
 */
abstract class F64Vec extends F64Elementary {

    // ---- bias and column sums ----------------------------------------------------------------

    final void addRowVector(double[] b, int bo, double[] z, int zo, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            add(b, bo, z, zo + r * cols, cols);
        }
    }

    /** {@code z[zo .. zo+n) += b[bo .. bo+n)}. */
    final void add(double[] b, int bo, double[] z, int zo, int n) {
        VectorSpecies<Double> s = sp();
        int i = 0;
        for (int bound = s.loopBound(n); i < bound; i += s.length()) {
            DoubleVector.fromArray(s, z, zo + i).add(DoubleVector.fromArray(s, b, bo + i)).intoArray(z, zo + i);
        }
        if (i < n) {
            VectorMask<Double> m = s.indexInRange(i, n);
            DoubleVector.fromArray(s, z, zo + i, m).add(DoubleVector.fromArray(s, b, bo + i, m)).intoArray(z, zo + i, m);
        }
    }

    /** Column sums in row order, so every column's sum is the same whatever the caller's threads. */
    final void columnSums(double[] g, int go, int rows, int cols, double[] out, int oo) {
        fill(out, oo, cols, 0);
        for (int r = 0; r < rows; r++) {
            add(g, go + r * cols, out, oo, cols);
        }
    }

    final void fill(double[] x, int off, int n, double value) {
        java.util.Arrays.fill(x, off, off + n, value);
    }

    // ---- activations forward -----------------------------------------------------------------

    final void activationForward(Activation act, double[] z, int zo, double[] a, int ao, int rows, int cols) {
        switch (act) {
            case IDENTITY -> {
                if (z != a || zo != ao) {
                    System.arraycopy(z, zo, a, ao, rows * cols);
                }
            }
            case RELU, SIGMOID, TANH -> elementwise(act, z, zo, a, ao, rows * cols);
            case SOFTMAX, LOG_SOFTMAX -> {
                for (int r = 0; r < rows; r++) {
                    softmaxRow(act == Activation.LOG_SOFTMAX, z, zo + r * cols, a, ao + r * cols, cols);
                }
            }
        }
    }

    /** An element-wise activation over {@code n} consecutive values; {@code a} may be {@code z}. */
    final void elementwise(Activation act, double[] z, int zo, double[] a, int ao, int n) {
        VectorSpecies<Double> s = sp();
        int i = 0;
        for (int bound = s.loopBound(n); i < bound; i += s.length()) {
            apply(act, DoubleVector.fromArray(s, z, zo + i)).intoArray(a, ao + i);
        }
        if (i < n) {
            VectorMask<Double> m = s.indexInRange(i, n);
            apply(act, DoubleVector.fromArray(s, z, zo + i, m)).intoArray(a, ao + i, m);
        }
    }

    /** {@code c = act(c + bias)} over one row segment: the dense layer's epilogue. */
    final void biasActivate(double[] c, int co, int n, double[] bias, int bo, Activation act) {
        VectorSpecies<Double> s = sp();
        int i = 0;
        for (int bound = s.loopBound(n); i < bound; i += s.length()) {
            DoubleVector v = DoubleVector.fromArray(s, c, co + i);
            if (bias != null) {
                v = v.add(DoubleVector.fromArray(s, bias, bo + i));
            }
            apply(act, v).intoArray(c, co + i);
        }
        if (i < n) {
            VectorMask<Double> m = s.indexInRange(i, n);
            DoubleVector v = DoubleVector.fromArray(s, c, co + i, m);
            if (bias != null) {
                v = v.add(DoubleVector.fromArray(s, bias, bo + i, m));
            }
            apply(act, v).intoArray(c, co + i, m);
        }
    }

    private DoubleVector apply(Activation act, DoubleVector v) {
        double one = 1;
        double zero = 0;
        return switch (act) {
            // z <= 0 maps to 0; NaN fails the comparison and passes through, as in the reference.
            case RELU -> v.blend(zero, v.compare(LE, zero));
            case SIGMOID -> DoubleVector.broadcast(sp(), one).div(exp(v.neg()).add(one));
            case TANH -> tanh(v);
            case IDENTITY -> v;
            default -> throw new IllegalArgumentException(act + " is not element-wise");
        };
    }

    /** Softmax or log-softmax of one row, with the row's maximum subtracted first; dst may be src. */
    final void softmaxRow(boolean log, double[] x, int xo, double[] y, int yo, int n) {
        VectorSpecies<Double> s = sp();
        int len = s.length();
        int bound = s.loopBound(n);
        double max = max(x, xo, n);
        int i;
        DoubleVector acc = DoubleVector.zero(s);
        for (i = 0; i < bound; i += len) {
            DoubleVector e = exp(DoubleVector.fromArray(s, x, xo + i).sub(max));
            acc = acc.add(e);
            if (!log) {
                e.intoArray(y, yo + i);
            }
        }
        VectorMask<Double> tail = s.indexInRange(i, n);
        if (i < n) {
            DoubleVector e = exp(DoubleVector.fromArray(s, x, xo + i, tail).sub(max));
            acc = acc.add(e, tail);
            if (!log) {
                e.intoArray(y, yo + i, tail);
            }
        }
        double sum = laneSum(acc);
        if (log) {
            double logSum = (double) StrictMath.log(sum);
            for (i = 0; i < bound; i += len) {
                DoubleVector.fromArray(s, x, xo + i).sub(max).sub(logSum).intoArray(y, yo + i);
            }
            if (i < n) {
                DoubleVector.fromArray(s, x, xo + i, tail).sub(max).sub(logSum).intoArray(y, yo + i, tail);
            }
        } else {
            for (i = 0; i < bound; i += len) {
                DoubleVector.fromArray(s, y, yo + i).div(sum).intoArray(y, yo + i);
            }
            if (i < n) {
                DoubleVector.fromArray(s, y, yo + i, tail).div(sum).intoArray(y, yo + i, tail);
            }
        }
    }

    // ---- activations backward ----------------------------------------------------------------

    final void activationBackward(Activation act, double[] a, int ao, double[] g, int go, double[] gz, int gzo,
                                  int rows, int cols) {
        if (act.isRowWise()) {
            for (int r = 0; r < rows; r++) {
                backwardRow(act, a, ao + r * cols, g, go + r * cols, gz, gzo + r * cols, cols);
            }
        } else {
            backwardFlat(act, a, ao, g, go, gz, gzo, rows * cols);
        }
    }

    /**
     * The dense layer's fused backward step: {@code g = act'(a) g} in place, row by row, adding each
     * finished row into the column sums while it is still in cache.
     */
    final void backwardAndColumnSums(Activation act, double[] a, int ao, double[] g, int go, int rows, int cols,
                                     double[] sums, int so) {
        fill(sums, so, cols, 0);
        for (int r = 0; r < rows; r++) {
            int off = go + r * cols;
            if (act != Activation.IDENTITY) {
                backwardRow(act, a, ao + r * cols, g, off, g, off, cols);
            }
            add(g, off, sums, so, cols);
        }
    }

    private void backwardRow(Activation act, double[] a, int ao, double[] g, int go, double[] gz, int gzo, int n) {
        switch (act) {
            case SOFTMAX -> {
                double dot = dot(g, go, a, ao, n);
                rowCombine(true, a, ao, g, go, gz, gzo, n, dot);
            }
            case LOG_SOFTMAX -> rowCombine(false, a, ao, g, go, gz, gzo, n, sum(g, go, n));
            default -> backwardFlat(act, a, ao, g, go, gz, gzo, n);
        }
    }

    /** softmax: {@code gz = a (g - dot)}; log-softmax: {@code gz = g - e^a sum}. */
    private void rowCombine(boolean softmax, double[] a, int ao, double[] g, int go, double[] gz, int gzo, int n, double k) {
        VectorSpecies<Double> s = sp();
        int i = 0;
        for (int bound = s.loopBound(n); i < bound; i += s.length()) {
            DoubleVector av = DoubleVector.fromArray(s, a, ao + i);
            DoubleVector gv = DoubleVector.fromArray(s, g, go + i);
            (softmax ? av.mul(gv.sub(k)) : gv.sub(exp(av).mul(k))).intoArray(gz, gzo + i);
        }
        if (i < n) {
            VectorMask<Double> m = s.indexInRange(i, n);
            DoubleVector av = DoubleVector.fromArray(s, a, ao + i, m);
            DoubleVector gv = DoubleVector.fromArray(s, g, go + i, m);
            (softmax ? av.mul(gv.sub(k)) : gv.sub(exp(av).mul(k))).intoArray(gz, gzo + i, m);
        }
    }

    private void backwardFlat(Activation act, double[] a, int ao, double[] g, int go, double[] gz, int gzo, int n) {
        VectorSpecies<Double> s = sp();
        int i = 0;
        for (int bound = s.loopBound(n); i < bound; i += s.length()) {
            derivative(act, DoubleVector.fromArray(s, a, ao + i), DoubleVector.fromArray(s, g, go + i)).intoArray(gz, gzo + i);
        }
        if (i < n) {
            VectorMask<Double> m = s.indexInRange(i, n);
            derivative(act, DoubleVector.fromArray(s, a, ao + i, m), DoubleVector.fromArray(s, g, go + i, m))
                    .intoArray(gz, gzo + i, m);
        }
    }

    private DoubleVector derivative(Activation act, DoubleVector a, DoubleVector g) {
        double one = 1;
        double zero = 0;
        return switch (act) {
            case IDENTITY -> g;
            // Gradient passes where a > 0 (PyTorch's convention at 0); NaN outputs pass nothing.
            case RELU -> DoubleVector.zero(sp()).blend(g, a.compare(GT, zero));
            case SIGMOID -> g.mul(a.mul(a.neg().add(one)));
            // 1 - a^2 with one rounding, so it stays accurate where |a| is close to 1.
            case TANH -> g.mul(a.neg().fma(a, DoubleVector.broadcast(sp(), one)));
            default -> throw new IllegalArgumentException(act + " is not element-wise");
        };
    }

    // ---- small reductions --------------------------------------------------------------------

    final double sum(double[] x, int xo, int n) {
        VectorSpecies<Double> s = sp();
        DoubleVector acc = DoubleVector.zero(s);
        int i = 0;
        for (int bound = s.loopBound(n); i < bound; i += s.length()) {
            acc = acc.add(DoubleVector.fromArray(s, x, xo + i));
        }
        if (i < n) {
            acc = acc.add(DoubleVector.fromArray(s, x, xo + i, s.indexInRange(i, n)));
        }
        return laneSum(acc);
    }

    final double dot(double[] x, int xo, double[] y, int yo, int n) {
        VectorSpecies<Double> s = sp();
        DoubleVector acc = DoubleVector.zero(s);
        int i = 0;
        for (int bound = s.loopBound(n); i < bound; i += s.length()) {
            acc = DoubleVector.fromArray(s, x, xo + i).fma(DoubleVector.fromArray(s, y, yo + i), acc);
        }
        if (i < n) {
            VectorMask<Double> m = s.indexInRange(i, n);
            acc = DoubleVector.fromArray(s, x, xo + i, m).fma(DoubleVector.fromArray(s, y, yo + i, m), acc);
        }
        return laneSum(acc);
    }

    /** max over a row, for log-sum-exp. */
    final double max(double[] x, int xo, int n) {
        VectorSpecies<Double> s = sp();
        DoubleVector mv = DoubleVector.broadcast(s, Double.NEGATIVE_INFINITY);
        int i = 0;
        for (int bound = s.loopBound(n); i < bound; i += s.length()) {
            mv = mv.max(DoubleVector.fromArray(s, x, xo + i));
        }
        double max = mv.reduceLanes(MAX);
        if (i < n) {
            VectorMask<Double> m = s.indexInRange(i, n);
            max = Math.max(max, DoubleVector.fromArray(s, x, xo + i, m).reduceLanes(MAX, m));
        }
        return max;
    }

    /** log(sum(exp(x - max))) + max of one row. */
    final double logSumExp(double[] x, int xo, int n) {
        VectorSpecies<Double> s = sp();
        double max = max(x, xo, n);
        DoubleVector acc = DoubleVector.zero(s);
        int i = 0;
        for (int bound = s.loopBound(n); i < bound; i += s.length()) {
            acc = acc.add(exp(DoubleVector.fromArray(s, x, xo + i).sub(max)));
        }
        if (i < n) {
            VectorMask<Double> m = s.indexInRange(i, n);
            acc = acc.add(exp(DoubleVector.fromArray(s, x, xo + i, m).sub(max)), m);
        }
        return max + (double) StrictMath.log(laneSum(acc));
    }
}
