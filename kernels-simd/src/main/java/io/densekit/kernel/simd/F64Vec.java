package io.densekit.kernel.simd;

import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LE;
import static jdk.incubator.vector.VectorOperators.MAX;

import io.densekit.kernel.Activation;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Element-wise and row-wise float64 work on arrays with offsets: bias, column sums, activations and
 * their backward passes. Loops run masked vectors to the end of each range, and no vector crosses a
 * method boundary (see {@link F64Elementary} for why).
 *
 * <p>The species comes from {@link #sp()}, which each width subclass of {@link F64Ops} answers with a
 * constant: the JIT then sees a constant species and compiles real vector instructions (a species
 * held in a field would not be constant, and every vector would be boxed). That is why the float64
 * code is one inheritance chain, F64Elementary, F64Vec, F64Losses, F64Updates, F64Gemm, F64Ops, each
 * class one job.
 */
abstract class F64Vec extends F64Elementary {

    /** Scratch for passes that cannot work in place; the calling thread's, at least n long. */
    final double[] scratch(int slot, int n) {
        return workspace().doubles(slot, n);
    }

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
        for (int whole = s.loopBound(n); i < whole; i += s.length()) {
            DoubleVector.fromArray(s, z, zo + i).add(DoubleVector.fromArray(s, b, bo + i)).intoArray(z, zo + i);
        }
        // The tail one by one (the same add): a masked vector is slower for a few values, and near an
        // array's end the Vector API checks each lane on a slow path that boxes the vectors.
        for (; i < n; i++) {
            z[zo + i] += b[bo + i];
        }
    }

    /**
     * Column sums in row order, so every column's sum is the same whatever the caller's threads: a
     * vector of columns at a time, its running sums kept in a register down all the rows (0 + g[0] +
     * g[1] + ..., the additions of a row-by-row pass, stored once instead of once per row).
     */
    final void columnSums(double[] g, int go, int rows, int cols, double[] out, int oo) {
        VectorSpecies<Double> s = sp();
        int l = s.length();
        int j = 0;
        for (; j + 2 * l <= cols; j += 2 * l) {
            DoubleVector s0 = DoubleVector.zero(s);
            DoubleVector s1 = DoubleVector.zero(s);
            for (int r = 0, at = go + j; r < rows; r++, at += cols) {
                s0 = s0.add(DoubleVector.fromArray(s, g, at));
                s1 = s1.add(DoubleVector.fromArray(s, g, at + l));
            }
            s0.intoArray(out, oo + j);
            s1.intoArray(out, oo + j + l);
        }
        for (; j + l <= cols; j += l) {
            DoubleVector s0 = DoubleVector.zero(s);
            for (int r = 0, at = go + j; r < rows; r++, at += cols) {
                s0 = s0.add(DoubleVector.fromArray(s, g, at));
            }
            s0.intoArray(out, oo + j);
        }
        for (; j < cols; j++) {
            double sum = 0;
            for (int r = 0, at = go + j; r < rows; r++, at += cols) {
                sum += g[at];
            }
            out[oo + j] = sum;
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
            case SOFTMAX -> softmaxRows(z, zo, a, ao, rows, cols);
            case LOG_SOFTMAX -> {
                for (int r = 0; r < rows; r++) {
                    softmaxRow(true, z, zo + r * cols, a, ao + r * cols, cols);
                }
            }
        }
    }

    /**
     * Softmax of {@code rows} adjacent rows of {@code n} values, element for element the operations of
     * {@link #softmaxRow} and so the same bits, with the exponential run once over the whole block
     * instead of once per row (its passes cost about as much to set up as to run on a row of 32):
     * each row's maximum subtracted into y ({@code x - max} is {@code 1 * x - max}, what expSum
     * computes first, exactly), e^y over the block, then each row's sum added as expSum adds it
     * (each lane in order, then the lanes left to right) and the row divided by it.
     */
    final void softmaxRows(double[] x, int xo, double[] y, int yo, int rows, int n) {
        VectorSpecies<Double> s = sp();
        int l = s.length();
        int whole = s.loopBound(n);
        for (int r = 0; r < rows; r++) {
            shiftInto(x, xo + r * n, max(x, xo + r * n, n), y, yo + r * n, n);
        }
        expSum(y, yo, 1, 0, y, yo, rows * n);
        double[] lanes = scratch(Workspace.SCRATCH_2, l);
        for (int r = 0; r < rows; r++) {
            int yr = yo + r * n;
            double sum = rowSum(y, yr, n, lanes);
            int i = 0;
            for (; i < whole; i += l) {
                DoubleVector.fromArray(s, y, yr + i).div(sum).intoArray(y, yr + i);
            }
            for (; i < n; i++) {
                y[yr + i] /= sum;
            }
        }
    }

    /**
     * {@code max + log(sum(e^(x - max)))} of each of {@code rows} adjacent rows of {@code n} values into
     * {@code lse}, the bits each row gets alone from {@code expSum(x, 1, max)}, with e^x run once over
     * the block as {@link #softmaxRows} runs it: a cross-entropy loss
     * over 512 rows of 10 classes spent more on setting up each row's passes (and looking up the
     * workspace) than in them, 8% of a training step. {@code tmp} from {@code tmpo} takes
     * {@code rows * n} values.
     */
    final void logSumExpRows(double[] x, int xo, int rows, int n, double[] lse, double[] tmp, int tmpo) {
        for (int r = 0; r < rows; r++) {
            double max = max(x, xo + r * n, n);
            lse[r] = max;
            shiftInto(x, xo + r * n, max, tmp, tmpo + r * n, n);
        }
        expSum(tmp, tmpo, 1, 0, tmp, tmpo, rows * n);
        double[] lanes = scratch(Workspace.SCRATCH_2, sp().length());
        for (int r = 0; r < rows; r++) {
            lse[r] += (double) StrictMath.log(rowSum(tmp, tmpo + r * n, n, lanes));
        }
    }

    /** {@code y = x - shift} over {@code n} values: what expSum computes first ({@code 1 * x - shift}), exactly. */
    final void shiftInto(double[] x, int xo, double shift, double[] y, int yo, int n) {
        VectorSpecies<Double> s = sp();
        int i = 0;
        for (int whole = s.loopBound(n); i < whole; i += s.length()) {
            DoubleVector.fromArray(s, x, xo + i).sub(shift).intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] = x[xo + i] - shift;
        }
    }

    /**
     * The sum of a row of {@code n} values in expSum's order for that row alone: each lane in order,
     * then the lanes left to right ({@code lanes} holds a vector's lanes).
     */
    final double rowSum(double[] y, int yo, int n, double[] lanes) {
        VectorSpecies<Double> s = sp();
        int l = s.length();
        DoubleVector acc = DoubleVector.zero(s);
        int i = 0;
        for (int whole = s.loopBound(n); i < whole; i += l) {
            acc = acc.add(DoubleVector.fromArray(s, y, yo + i));
        }
        acc.intoArray(lanes, 0);
        for (int j = 0; i + j < n; j++) {
            lanes[j] += y[yo + i + j];
        }
        double sum = lanes[0];
        for (int j = 1; j < l; j++) {
            sum += lanes[j];
        }
        return sum;
    }

    /** An element-wise activation over {@code n} consecutive values; {@code a} may be {@code z}. */
    final void elementwise(Activation act, double[] z, int zo, double[] a, int ao, int n) {
        VectorSpecies<Double> s = sp();
        double zero = 0;
        double one = 1;
        switch (act) {
            case IDENTITY -> {
                if (z != a || zo != ao) {
                    System.arraycopy(z, zo, a, ao, n);
                }
            }
            case RELU -> {
                int i = 0;
                for (int whole = s.loopBound(n); i < whole; i += s.length()) {
                    DoubleVector v = DoubleVector.fromArray(s, z, zo + i);
                    // z <= 0 maps to 0; NaN fails the comparison and passes through, as in the reference.
                    v.blend(zero, v.compare(LE, zero)).intoArray(a, ao + i);
                }
                if (i < n) {
                    VectorMask<Double> m = s.indexInRange(i, n);
                    DoubleVector v = DoubleVector.fromArray(s, z, zo + i, m);
                    v.blend(zero, v.compare(LE, zero)).intoArray(a, ao + i, m);
                }
            }
            case SIGMOID -> {
                expSum(z, zo, -1, 0, a, ao, n);
                int i = 0;
                for (int whole = s.loopBound(n); i < whole; i += s.length()) {
                    DoubleVector.broadcast(s, one).div(DoubleVector.fromArray(s, a, ao + i).add(one)).intoArray(a, ao + i);
                }
                if (i < n) {
                    VectorMask<Double> m = s.indexInRange(i, n);
                    DoubleVector.broadcast(s, one).div(DoubleVector.fromArray(s, a, ao + i, m).add(one)).intoArray(a, ao + i, m);
                }
            }
            case TANH -> tanhInto(z, zo, a, ao, n);
            default -> throw new IllegalArgumentException(act + " is not element-wise");
        }
    }

    /** {@code c = act(c + bias)} over one row segment: the dense layer's epilogue. */
    final void biasActivate(double[] c, int co, int n, double[] bias, int bo, Activation act) {
        if (bias != null) {
            add(bias, bo, c, co, n);
        }
        if (act != Activation.IDENTITY) {
            elementwise(act, c, co, c, co, n);
        }
    }

    /** Softmax or log-softmax of one row, with the row's maximum subtracted first; dst may be src. */
    final void softmaxRow(boolean log, double[] x, int xo, double[] y, int yo, int n) {
        VectorSpecies<Double> s = sp();
        double max = max(x, xo, n);
        if (log) {
            double logSum = (double) StrictMath.log(expSum(x, xo, 1, max, null, 0, n));
            for (int i = 0; i < n; i += s.length()) {
                VectorMask<Double> m = s.indexInRange(i, n);
                DoubleVector.fromArray(s, x, xo + i, m).sub(max).sub(logSum).intoArray(y, yo + i, m);
            }
        } else {
            double sum = expSum(x, xo, 1, max, y, yo, n);
            int i = 0;
            for (int whole = s.loopBound(n); i < whole; i += s.length()) {
                DoubleVector.fromArray(s, y, yo + i).div(sum).intoArray(y, yo + i);
            }
            if (i < n) {
                VectorMask<Double> m = s.indexInRange(i, n);
                DoubleVector.fromArray(s, y, yo + i, m).div(sum).intoArray(y, yo + i, m);
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
     * The dense layer's backward step before its products: {@code g = act'(a) g} in place, then the
     * column sums of g (the bias gradient). Two passes, each at full vector speed: summing a row at a
     * time as it was finished cost a load and a store of the sums per row.
     */
    final void backwardAndColumnSums(Activation act, double[] a, int ao, double[] g, int go, int rows, int cols,
                                     double[] sums, int so) {
        activationBackward(act, a, ao, g, go, g, go, rows, cols);
        columnSums(g, go, rows, cols, sums, so);
    }

    private void backwardRow(Activation act, double[] a, int ao, double[] g, int go, double[] gz, int gzo, int n) {
        VectorSpecies<Double> s = sp();
        switch (act) {
            case SOFTMAX -> {
                // gz = a (g - sum(g a))
                double dot = dot(g, go, a, ao, n);
                for (int i = 0; i < n; i += s.length()) {
                    VectorMask<Double> m = s.indexInRange(i, n);
                    DoubleVector av = DoubleVector.fromArray(s, a, ao + i, m);
                    av.mul(DoubleVector.fromArray(s, g, go + i, m).sub(dot)).intoArray(gz, gzo + i, m);
                }
            }
            case LOG_SOFTMAX -> {
                // gz = g - e^a sum(g); e^a goes to scratch, as gz may be g.
                double sum = sum(g, go, n);
                double[] e = scratch(Workspace.SCRATCH_1, n);
                expSum(a, ao, 1, 0, e, 0, n);
                for (int i = 0; i < n; i += s.length()) {
                    VectorMask<Double> m = s.indexInRange(i, n);
                    DoubleVector.fromArray(s, g, go + i, m).sub(DoubleVector.fromArray(s, e, i, m).mul(sum))
                            .intoArray(gz, gzo + i, m);
                }
            }
            default -> backwardFlat(act, a, ao, g, go, gz, gzo, n);
        }
    }

    private void backwardFlat(Activation act, double[] a, int ao, double[] g, int go, double[] gz, int gzo, int n) {
        VectorSpecies<Double> s = sp();
        double zero = 0;
        double one = 1;
        switch (act) {
            case IDENTITY -> {
                if (g != gz || go != gzo) {
                    System.arraycopy(g, go, gz, gzo, n);
                }
            }
            case RELU -> {
                // The gradient passes where a > 0 (PyTorch's convention at 0); NaN outputs pass nothing.
                int i = 0;
                for (int whole = s.loopBound(n); i < whole; i += s.length()) {
                    DoubleVector av = DoubleVector.fromArray(s, a, ao + i);
                    DoubleVector.zero(s).blend(DoubleVector.fromArray(s, g, go + i), av.compare(GT, zero))
                            .intoArray(gz, gzo + i);
                }
                for (; i < n; i++) {
                    gz[gzo + i] = a[ao + i] > zero ? g[go + i] : zero;
                }
            }
            case SIGMOID -> {
                int i = 0;
                for (int whole = s.loopBound(n); i < whole; i += s.length()) {
                    DoubleVector av = DoubleVector.fromArray(s, a, ao + i);
                    DoubleVector.fromArray(s, g, go + i).mul(av.mul(av.neg().add(one))).intoArray(gz, gzo + i);
                }
                for (; i < n; i++) {
                    double av = a[ao + i];
                    gz[gzo + i] = g[go + i] * (av * (-av + one));
                }
            }
            case TANH -> {
                // 1 - a^2 with one rounding, so it stays accurate where |a| is close to 1.
                int i = 0;
                for (int whole = s.loopBound(n); i < whole; i += s.length()) {
                    DoubleVector av = DoubleVector.fromArray(s, a, ao + i);
                    DoubleVector.fromArray(s, g, go + i).mul(av.neg().fma(av, DoubleVector.broadcast(s, one)))
                            .intoArray(gz, gzo + i);
                }
                for (; i < n; i++) {
                    double av = a[ao + i];
                    gz[gzo + i] = g[go + i] * Math.fma(-av, av, one);
                }
            }
            default -> throw new IllegalArgumentException(act + " is not element-wise");
        }
    }

    // ---- small reductions --------------------------------------------------------------------

    final double sum(double[] x, int xo, int n) {
        VectorSpecies<Double> s = sp();
        DoubleVector acc = DoubleVector.zero(s);
        for (int i = 0; i < n; i += s.length()) {
            acc = acc.add(DoubleVector.fromArray(s, x, xo + i, s.indexInRange(i, n)));
        }
        // The lanes added left to right, here rather than in a helper: a vector passed to a method
        // the JIT does not inline is boxed on the heap (see F64Elementary).
        double total = acc.lane(0);
        for (int j = 1; j < s.length(); j++) {
            total += acc.lane(j);
        }
        return total;
    }

    final double dot(double[] x, int xo, double[] y, int yo, int n) {
        VectorSpecies<Double> s = sp();
        DoubleVector acc = DoubleVector.zero(s);
        for (int i = 0; i < n; i += s.length()) {
            VectorMask<Double> m = s.indexInRange(i, n);
            acc = DoubleVector.fromArray(s, x, xo + i, m).fma(DoubleVector.fromArray(s, y, yo + i, m), acc);
        }
        // The lanes added left to right, here rather than in a helper: a vector passed to a method
        // the JIT does not inline is boxed on the heap (see F64Elementary).
        double total = acc.lane(0);
        for (int j = 1; j < s.length(); j++) {
            total += acc.lane(j);
        }
        return total;
    }

    /** The maximum of a row (order does not matter for max). */
    final double max(double[] x, int xo, int n) {
        VectorSpecies<Double> s = sp();
        DoubleVector mv = DoubleVector.broadcast(s, Double.NEGATIVE_INFINITY);
        int i = 0;
        for (int whole = s.loopBound(n); i < whole; i += s.length()) {
            mv = mv.max(DoubleVector.fromArray(s, x, xo + i));
        }
        if (i < n) {
            VectorMask<Double> m = s.indexInRange(i, n);
            mv = mv.blend(mv.max(DoubleVector.fromArray(s, x, xo + i, m)), m);
        }
        return mv.reduceLanes(MAX);
    }
}
