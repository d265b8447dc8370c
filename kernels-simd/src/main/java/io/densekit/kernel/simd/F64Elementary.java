package io.densekit.kernel.simd;

import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.IS_NAN;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.LT;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * double exp, tanh, log and log1p over arrays, built only from exactly rounded operations (add, mul,
 * fma, div, bit moves). Accuracy (ElementaryFunctionsTest): exp, tanh and log within 2 ulps of StrictMath (itself within 1), log1p within 3.
 *
 * <p>Why not {@code VectorOperators.EXP} or {@code reduceLanes(ADD)}: their compiled forms (SVML
 * stubs, tree reductions) round differently from their interpreted fallbacks, so results would depend
 * on when the JIT reached a method. Why array routines: a vector passed to or returned from a method
 * the JIT does not inline is boxed on the heap; each routine here keeps its vectors inside one loop.
 * Size alone does not make a helper safe to call: C2 stops inlining ordinary methods once a compiled
 * method passes its node budget ({@code NodeCountInliningCutoff}), and a loop of a few dozen vector
 * operations gets there, so even a small lane-sum helper was refused and its argument boxed on every
 * call. Lane sums are therefore written out where they are needed, and long chains (exp, tanh) run
 * as passes small enough to compile whole (see {@link F64Exp}).
 * Every loop runs masked vectors to the end, so an element gets the same arithmetic wherever it sits.
 */
abstract class F64Elementary extends F64Exp {
    private static final double TANH_SMALL = 0.625;
    private static final double SQRT2 = 1.41421356237309504880;
    private static final double SUBNORMAL_SCALE = 18014398509481984.0; // 2^54
    private static final double SUBNORMAL_SHIFT = 54;

    /** {@code y = tanh x}: a rational fit below 0.625 (no cancellation), 1 - 2 / (e^(2|x|) + 1) above. */
    final void tanhInto(double[] x, int xo, double[] y, int yo, int n) {
        Workspace ws = workspace();
        double[] e = ws.doubles(Workspace.EXP_R, STAGE);
        double[] k = ws.doubles(Workspace.EXP_K, STAGE);
        double[] k2 = ws.doubles(Workspace.EXP_K2, STAGE);
        double[] unusedSums = ws.doubles(Workspace.EXP_ACC, sp().length());
        for (int b = 0; b < n; b += STAGE) {
            int len = Math.min(STAGE, n - b);
            expReduce(x, xo + b, true, 0, 0, e, k, len);
            expPolynomial(e, len);
            expPowers(k, k2, len);
            expScale(e, k, k2, e, 0, unusedSums, len);
            tanhFinish(x, xo + b, e, y, yo + b, len);
        }
    }

    /** The last pass of tanh, given {@code e[i] = e^(2|x[i]|)}; {@code y} may be {@code x}. */
    private void tanhFinish(double[] x, int xo, double[] e, double[] y, int yo, int len) {
        VectorSpecies<Double> s = sp();
        for (int i = 0; i < len; i += s.length()) {
            VectorMask<Double> mask = s.indexInRange(i, len);
            DoubleVector v = DoubleVector.fromArray(s, x, xo + i, mask);
            DoubleVector a = v.abs();
            DoubleVector z2 = v.mul(v);
            DoubleVector num = z2.mul(-9.64399179425052238628e-1).add(-9.92877231001918586564e1);
            num = num.fma(z2, DoubleVector.broadcast(s, -1.61468768441708447952e3));
            DoubleVector den = z2.add(1.12811678491632931402e2);
            den = den.fma(z2, DoubleVector.broadcast(s, 2.23548839060100448583e3));
            den = den.fma(z2, DoubleVector.broadcast(s, 4.84406305325125486048e3));
            DoubleVector small = v.mul(z2).mul(num.div(den)).add(v);
            DoubleVector e2 = DoubleVector.fromArray(s, e, i);
            DoubleVector big = DoubleVector.broadcast(s, 1).sub(DoubleVector.broadcast(s, 2).div(e2.add(1)));
            big = big.blend(big.neg(), v.compare(LT, 0));
            // Zero keeps its sign.
            big.blend(small, a.compare(LT, TANH_SMALL)).blend(v, v.compare(EQ, 0)).intoArray(y, yo + i, mask);
        }
    }

    /** {@code y = log x}: exponent and mantissa split, then an odd series in (m - 1) / (m + 1). */
    final void logInto(double[] x, int xo, double[] y, int yo, int n) {
        VectorSpecies<Double> s = sp();
        for (int i = 0; i < n; i += s.length()) {
            VectorMask<Double> mask = s.indexInRange(i, n);
            DoubleVector v = DoubleVector.fromArray(s, x, xo + i, mask);
                VectorMask<Double> tiny = v.compare(LT, Double.MIN_NORMAL);
                LongVector bits = (LongVector) v.blend(v.mul(SUBNORMAL_SCALE), tiny).reinterpretAsLongs();
                LongVector e = bits.lanewise(LSHR, bits.broadcast(52)).and(0x7ffL).sub(1023);
                DoubleVector m = bits.and(0xfffffffffffffL).or(0x3ff0000000000000L).reinterpretAsDoubles();
                VectorMask<Double> high = m.compare(GT, SQRT2);
                m = m.blend(m.mul(0.5), high);
                DoubleVector ef = e.add(0x4338000000000000L).reinterpretAsDoubles().sub(ROUND_MAGIC).add(DoubleVector.zero(s).blend(1, high))
                        .sub(DoubleVector.zero(s).blend(SUBNORMAL_SHIFT, tiny));
                DoubleVector q = m.sub(1).div(m.add(1));
                DoubleVector q2 = q.mul(q);
                DoubleVector series = q2.mul(1.0 / 23).add(1.0 / 21);
                series = series.fma(q2, DoubleVector.broadcast(s, 1.0 / 19));
                series = series.fma(q2, DoubleVector.broadcast(s, 1.0 / 17));
                series = series.fma(q2, DoubleVector.broadcast(s, 1.0 / 15));
                series = series.fma(q2, DoubleVector.broadcast(s, 1.0 / 13));
                series = series.fma(q2, DoubleVector.broadcast(s, 1.0 / 11));
                series = series.fma(q2, DoubleVector.broadcast(s, 1.0 / 9));
                series = series.fma(q2, DoubleVector.broadcast(s, 1.0 / 7));
                series = series.fma(q2, DoubleVector.broadcast(s, 1.0 / 5));
                series = series.fma(q2, DoubleVector.broadcast(s, 1.0 / 3));
                series = series.fma(q2, DoubleVector.broadcast(s, 1.0));
                // e ln2 in two parts: e * LN2_HI is exact.
                DoubleVector lv = ef.fma(DoubleVector.broadcast(s, LN2_HI), ef.fma(DoubleVector.broadcast(s, LN2_LO), q.add(q).mul(series)));
                // log 0 = -inf, log inf = inf, log of a negative or NaN is NaN.
                lv = lv.blend(Double.NEGATIVE_INFINITY, v.compare(EQ, 0));
                lv = lv.blend(Double.POSITIVE_INFINITY, v.compare(EQ, Double.POSITIVE_INFINITY));
                lv = lv.blend(Double.NaN, v.compare(LT, 0).or(v.test(IS_NAN)));
            lv.intoArray(y, yo + i, mask);
        }
    }

    /** {@code y = log(1 + scale x)}, accurate for small arguments: log(u) * w / (u - 1) with u = 1 + w. */
    final void log1pInto(double[] x, int xo, double scale, double[] y, int yo, int n) {
        VectorSpecies<Double> s = sp();
        for (int i = 0; i < n; i += s.length()) {
            VectorMask<Double> mask = s.indexInRange(i, n);
            DoubleVector w = DoubleVector.fromArray(s, x, xo + i, mask).mul(scale);
            DoubleVector u = w.add(1);
            DoubleVector um1 = u.sub(1);
                VectorMask<Double> tiny = u.compare(LT, Double.MIN_NORMAL);
                LongVector bits = (LongVector) u.blend(u.mul(SUBNORMAL_SCALE), tiny).reinterpretAsLongs();
                LongVector e = bits.lanewise(LSHR, bits.broadcast(52)).and(0x7ffL).sub(1023);
                DoubleVector m = bits.and(0xfffffffffffffL).or(0x3ff0000000000000L).reinterpretAsDoubles();
                VectorMask<Double> high = m.compare(GT, SQRT2);
                m = m.blend(m.mul(0.5), high);
                DoubleVector ef = e.add(0x4338000000000000L).reinterpretAsDoubles().sub(ROUND_MAGIC).add(DoubleVector.zero(s).blend(1, high))
                        .sub(DoubleVector.zero(s).blend(SUBNORMAL_SHIFT, tiny));
                DoubleVector q = m.sub(1).div(m.add(1));
                DoubleVector q2 = q.mul(q);
                DoubleVector series = q2.mul(1.0 / 23).add(1.0 / 21);
                series = series.fma(q2, DoubleVector.broadcast(s, 1.0 / 19));
                series = series.fma(q2, DoubleVector.broadcast(s, 1.0 / 17));
                series = series.fma(q2, DoubleVector.broadcast(s, 1.0 / 15));
                series = series.fma(q2, DoubleVector.broadcast(s, 1.0 / 13));
                series = series.fma(q2, DoubleVector.broadcast(s, 1.0 / 11));
                series = series.fma(q2, DoubleVector.broadcast(s, 1.0 / 9));
                series = series.fma(q2, DoubleVector.broadcast(s, 1.0 / 7));
                series = series.fma(q2, DoubleVector.broadcast(s, 1.0 / 5));
                series = series.fma(q2, DoubleVector.broadcast(s, 1.0 / 3));
                series = series.fma(q2, DoubleVector.broadcast(s, 1.0));
                // e ln2 in two parts: e * LN2_HI is exact.
                DoubleVector lu = ef.fma(DoubleVector.broadcast(s, LN2_HI), ef.fma(DoubleVector.broadcast(s, LN2_LO), q.add(q).mul(series)));
                // log 0 = -inf, log inf = inf, log of a negative or NaN is NaN.
                lu = lu.blend(Double.NEGATIVE_INFINITY, u.compare(EQ, 0));
                lu = lu.blend(Double.POSITIVE_INFINITY, u.compare(EQ, Double.POSITIVE_INFINITY));
                lu = lu.blend(Double.NaN, u.compare(LT, 0).or(u.test(IS_NAN)));
            DoubleVector corrected = lu.mul(w.div(um1));
            corrected.blend(w, um1.compare(EQ, 0)).blend(lu, u.compare(EQ, Double.POSITIVE_INFINITY))
                    .intoArray(y, yo + i, mask);
        }
    }
}
