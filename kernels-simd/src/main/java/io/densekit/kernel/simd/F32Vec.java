package io.densekit.kernel.simd;

import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LE;
import static jdk.incubator.vector.VectorOperators.MAX;

import io.densekit.kernel.Activation;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Element-wise and row-wise float32 work on arrays with offsets: bias, column sums, activations and
 * their backward passes. Every loop runs whole vectors and finishes with one masked vector.
 *
 * <p>The species comes from {@link #sp()}, which each width subclass of {@link F32Ops} answers with a
 * constant: the JIT then sees a constant species and compiles real vector instructions (a species
 * held in a field would not be constant, and every vector would be boxed). That is why the float32
 * code is one inheritance chain, F32Vec, F32Losses, F32Updates, F32Gemm, F32Ops, each class one job.
 */
abstract class F32Vec extends F32Elementary {

    // ---- bias and column sums ----------------------------------------------------------------

    final void addRowVector(float[] b, int bo, float[] z, int zo, int rows, int cols) {
        for (int r = 0; r < rows; r++) {
            add(b, bo, z, zo + r * cols, cols);
        }
    }

    /** {@code z[zo .. zo+n) += b[bo .. bo+n)}. */
    final void add(float[] b, int bo, float[] z, int zo, int n) {
        VectorSpecies<Float> s = sp();
        int i = 0;
        for (int bound = s.loopBound(n); i < bound; i += s.length()) {
            FloatVector.fromArray(s, z, zo + i).add(FloatVector.fromArray(s, b, bo + i)).intoArray(z, zo + i);
        }
        if (i < n) {
            VectorMask<Float> m = s.indexInRange(i, n);
            FloatVector.fromArray(s, z, zo + i, m).add(FloatVector.fromArray(s, b, bo + i, m)).intoArray(z, zo + i, m);
        }
    }

    /** Column sums in row order, so every column's sum is the same whatever the caller's threads. */
    final void columnSums(float[] g, int go, int rows, int cols, float[] out, int oo) {
        fill(out, oo, cols, 0);
        for (int r = 0; r < rows; r++) {
            add(g, go + r * cols, out, oo, cols);
        }
    }

    final void fill(float[] x, int off, int n, float value) {
        java.util.Arrays.fill(x, off, off + n, value);
    }

    // ---- activations forward -----------------------------------------------------------------

    final void activationForward(Activation act, float[] z, int zo, float[] a, int ao, int rows, int cols) {
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
    final void elementwise(Activation act, float[] z, int zo, float[] a, int ao, int n) {
        VectorSpecies<Float> s = sp();
        int i = 0;
        for (int bound = s.loopBound(n); i < bound; i += s.length()) {
            apply(act, FloatVector.fromArray(s, z, zo + i)).intoArray(a, ao + i);
        }
        if (i < n) {
            VectorMask<Float> m = s.indexInRange(i, n);
            apply(act, FloatVector.fromArray(s, z, zo + i, m)).intoArray(a, ao + i, m);
        }
    }

    /** {@code c = act(c + bias)} over one row segment: the dense layer's epilogue. */
    final void biasActivate(float[] c, int co, int n, float[] bias, int bo, Activation act) {
        VectorSpecies<Float> s = sp();
        int i = 0;
        for (int bound = s.loopBound(n); i < bound; i += s.length()) {
            FloatVector v = FloatVector.fromArray(s, c, co + i);
            if (bias != null) {
                v = v.add(FloatVector.fromArray(s, bias, bo + i));
            }
            apply(act, v).intoArray(c, co + i);
        }
        if (i < n) {
            VectorMask<Float> m = s.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(s, c, co + i, m);
            if (bias != null) {
                v = v.add(FloatVector.fromArray(s, bias, bo + i, m));
            }
            apply(act, v).intoArray(c, co + i, m);
        }
    }

    private FloatVector apply(Activation act, FloatVector v) {
        float one = 1;
        float zero = 0;
        return switch (act) {
            // z <= 0 maps to 0; NaN fails the comparison and passes through, as in the reference.
            case RELU -> v.blend(zero, v.compare(LE, zero));
            case SIGMOID -> FloatVector.broadcast(sp(), one).div(exp(v.neg()).add(one));
            case TANH -> tanh(v);
            case IDENTITY -> v;
            default -> throw new IllegalArgumentException(act + " is not element-wise");
        };
    }

    /** Softmax or log-softmax of one row, with the row's maximum subtracted first; dst may be src. */
    final void softmaxRow(boolean log, float[] x, int xo, float[] y, int yo, int n) {
        VectorSpecies<Float> s = sp();
        int len = s.length();
        int bound = s.loopBound(n);
        float max = max(x, xo, n);
        int i;
        FloatVector acc = FloatVector.zero(s);
        for (i = 0; i < bound; i += len) {
            FloatVector e = exp(FloatVector.fromArray(s, x, xo + i).sub(max));
            acc = acc.add(e);
            if (!log) {
                e.intoArray(y, yo + i);
            }
        }
        VectorMask<Float> tail = s.indexInRange(i, n);
        if (i < n) {
            FloatVector e = exp(FloatVector.fromArray(s, x, xo + i, tail).sub(max));
            acc = acc.add(e, tail);
            if (!log) {
                e.intoArray(y, yo + i, tail);
            }
        }
        float sum = laneSum(acc);
        if (log) {
            float logSum = (float) StrictMath.log(sum);
            for (i = 0; i < bound; i += len) {
                FloatVector.fromArray(s, x, xo + i).sub(max).sub(logSum).intoArray(y, yo + i);
            }
            if (i < n) {
                FloatVector.fromArray(s, x, xo + i, tail).sub(max).sub(logSum).intoArray(y, yo + i, tail);
            }
        } else {
            for (i = 0; i < bound; i += len) {
                FloatVector.fromArray(s, y, yo + i).div(sum).intoArray(y, yo + i);
            }
            if (i < n) {
                FloatVector.fromArray(s, y, yo + i, tail).div(sum).intoArray(y, yo + i, tail);
            }
        }
    }

    // ---- activations backward ----------------------------------------------------------------

    final void activationBackward(Activation act, float[] a, int ao, float[] g, int go, float[] gz, int gzo,
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
    final void backwardAndColumnSums(Activation act, float[] a, int ao, float[] g, int go, int rows, int cols,
                                     float[] sums, int so) {
        fill(sums, so, cols, 0);
        for (int r = 0; r < rows; r++) {
            int off = go + r * cols;
            if (act != Activation.IDENTITY) {
                backwardRow(act, a, ao + r * cols, g, off, g, off, cols);
            }
            add(g, off, sums, so, cols);
        }
    }

    private void backwardRow(Activation act, float[] a, int ao, float[] g, int go, float[] gz, int gzo, int n) {
        switch (act) {
            case SOFTMAX -> {
                float dot = dot(g, go, a, ao, n);
                rowCombine(true, a, ao, g, go, gz, gzo, n, dot);
            }
            case LOG_SOFTMAX -> rowCombine(false, a, ao, g, go, gz, gzo, n, sum(g, go, n));
            default -> backwardFlat(act, a, ao, g, go, gz, gzo, n);
        }
    }

    /** softmax: {@code gz = a (g - dot)}; log-softmax: {@code gz = g - e^a sum}. */
    private void rowCombine(boolean softmax, float[] a, int ao, float[] g, int go, float[] gz, int gzo, int n, float k) {
        VectorSpecies<Float> s = sp();
        int i = 0;
        for (int bound = s.loopBound(n); i < bound; i += s.length()) {
            FloatVector av = FloatVector.fromArray(s, a, ao + i);
            FloatVector gv = FloatVector.fromArray(s, g, go + i);
            (softmax ? av.mul(gv.sub(k)) : gv.sub(exp(av).mul(k))).intoArray(gz, gzo + i);
        }
        if (i < n) {
            VectorMask<Float> m = s.indexInRange(i, n);
            FloatVector av = FloatVector.fromArray(s, a, ao + i, m);
            FloatVector gv = FloatVector.fromArray(s, g, go + i, m);
            (softmax ? av.mul(gv.sub(k)) : gv.sub(exp(av).mul(k))).intoArray(gz, gzo + i, m);
        }
    }

    private void backwardFlat(Activation act, float[] a, int ao, float[] g, int go, float[] gz, int gzo, int n) {
        VectorSpecies<Float> s = sp();
        int i = 0;
        for (int bound = s.loopBound(n); i < bound; i += s.length()) {
            derivative(act, FloatVector.fromArray(s, a, ao + i), FloatVector.fromArray(s, g, go + i)).intoArray(gz, gzo + i);
        }
        if (i < n) {
            VectorMask<Float> m = s.indexInRange(i, n);
            derivative(act, FloatVector.fromArray(s, a, ao + i, m), FloatVector.fromArray(s, g, go + i, m))
                    .intoArray(gz, gzo + i, m);
        }
    }

    private FloatVector derivative(Activation act, FloatVector a, FloatVector g) {
        float one = 1;
        float zero = 0;
        return switch (act) {
            case IDENTITY -> g;
            // Gradient passes where a > 0 (PyTorch's convention at 0); NaN outputs pass nothing.
            case RELU -> FloatVector.zero(sp()).blend(g, a.compare(GT, zero));
            case SIGMOID -> g.mul(a.mul(a.neg().add(one)));
            // 1 - a^2 with one rounding, so it stays accurate where |a| is close to 1.
            case TANH -> g.mul(a.neg().fma(a, FloatVector.broadcast(sp(), one)));
            default -> throw new IllegalArgumentException(act + " is not element-wise");
        };
    }

    // ---- small reductions --------------------------------------------------------------------

    final float sum(float[] x, int xo, int n) {
        VectorSpecies<Float> s = sp();
        FloatVector acc = FloatVector.zero(s);
        int i = 0;
        for (int bound = s.loopBound(n); i < bound; i += s.length()) {
            acc = acc.add(FloatVector.fromArray(s, x, xo + i));
        }
        if (i < n) {
            acc = acc.add(FloatVector.fromArray(s, x, xo + i, s.indexInRange(i, n)));
        }
        return laneSum(acc);
    }

    final float dot(float[] x, int xo, float[] y, int yo, int n) {
        VectorSpecies<Float> s = sp();
        FloatVector acc = FloatVector.zero(s);
        int i = 0;
        for (int bound = s.loopBound(n); i < bound; i += s.length()) {
            acc = FloatVector.fromArray(s, x, xo + i).fma(FloatVector.fromArray(s, y, yo + i), acc);
        }
        if (i < n) {
            VectorMask<Float> m = s.indexInRange(i, n);
            acc = FloatVector.fromArray(s, x, xo + i, m).fma(FloatVector.fromArray(s, y, yo + i, m), acc);
        }
        return laneSum(acc);
    }

    /** max over a row, for log-sum-exp. */
    final float max(float[] x, int xo, int n) {
        VectorSpecies<Float> s = sp();
        FloatVector mv = FloatVector.broadcast(s, Float.NEGATIVE_INFINITY);
        int i = 0;
        for (int bound = s.loopBound(n); i < bound; i += s.length()) {
            mv = mv.max(FloatVector.fromArray(s, x, xo + i));
        }
        float max = mv.reduceLanes(MAX);
        if (i < n) {
            VectorMask<Float> m = s.indexInRange(i, n);
            max = Math.max(max, FloatVector.fromArray(s, x, xo + i, m).reduceLanes(MAX, m));
        }
        return max;
    }

    /** log(sum(exp(x - max))) + max of one row. */
    final float logSumExp(float[] x, int xo, int n) {
        VectorSpecies<Float> s = sp();
        float max = max(x, xo, n);
        FloatVector acc = FloatVector.zero(s);
        int i = 0;
        for (int bound = s.loopBound(n); i < bound; i += s.length()) {
            acc = acc.add(exp(FloatVector.fromArray(s, x, xo + i).sub(max)));
        }
        if (i < n) {
            VectorMask<Float> m = s.indexInRange(i, n);
            acc = acc.add(exp(FloatVector.fromArray(s, x, xo + i, m).sub(max)), m);
        }
        return max + (float) StrictMath.log(laneSum(acc));
    }
}
