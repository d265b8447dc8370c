package io.densekit.kernel.simd;

import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.IS_NAN;
import static jdk.incubator.vector.VectorOperators.LSHR;
import static jdk.incubator.vector.VectorOperators.LT;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * float exp, tanh, log and log1p over arrays, built only from exactly rounded operations (add, mul,
 * fma, div, bit moves). Accuracy (ElementaryFunctionsTest): exp, tanh within 2 ulps, log within 2.5, log1p within 5.
 *
 * <p>Why not {@code VectorOperators.EXP} or {@code reduceLanes(ADD)}: their compiled forms (SVML
 * stubs, tree reductions) round differently from their interpreted fallbacks, so results would depend
 * on when the JIT reached a method. Why array routines: a vector passed to or returned from a method
 * the JIT does not inline is boxed on the heap; each routine here keeps its vectors inside one loop.
 * Size alone does not make a helper safe to call: C2 stops inlining ordinary methods once a compiled
 * method passes its node budget ({@code NodeCountInliningCutoff}), and a loop of a few dozen vector
 * operations gets there, so even a small lane-sum helper was refused and its argument boxed on every
 * call. Lane sums are therefore written out where they are needed, and long chains (exp, tanh) run
 * as passes small enough to compile whole (see {@link F32Exp}).
 * Every loop runs masked vectors to the end, so an element gets the same arithmetic wherever it sits.
 */
abstract class F32Elementary extends F32Exp {
    private static final float TANH_SMALL = 0.625f;
    private static final float SQRT2 = 1.41421356237309505f;
    private static final float SUBNORMAL_SCALE = 16777216f; // 2^24
    private static final float SUBNORMAL_SHIFT = 24f;

    /** {@code y = tanh x}: a rational fit below 0.625 (no cancellation), 1 - 2 / (e^(2|x|) + 1) above. */
    final void tanhInto(float[] x, int xo, float[] y, int yo, int n) {
        Workspace ws = workspace();
        float[] e = ws.floats(Workspace.EXP_R, STAGE);
        float[] k = ws.floats(Workspace.EXP_K, STAGE);
        float[] k2 = ws.floats(Workspace.EXP_K2, STAGE);
        float[] unusedSums = ws.floats(Workspace.EXP_ACC, sp().length());
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
    private void tanhFinish(float[] x, int xo, float[] e, float[] y, int yo, int len) {
        VectorSpecies<Float> s = sp();
        for (int i = 0; i < len; i += s.length()) {
            // Whole vectors load and store unmasked (a masked store is slow on some CPUs); the tail masked.
            boolean whole = i + s.length() <= len;
            VectorMask<Float> mask = whole ? null : s.indexInRange(i, len);
            FloatVector v = whole ? FloatVector.fromArray(s, x, xo + i) : FloatVector.fromArray(s, x, xo + i, mask);
            FloatVector a = v.abs();
            FloatVector z2 = v.mul(v);
            FloatVector poly = z2.mul(-5.70498872745e-3f).add(2.06390887954e-2f);
            poly = poly.fma(z2, FloatVector.broadcast(s, -5.37397155531e-2f));
            poly = poly.fma(z2, FloatVector.broadcast(s, 1.33314422036e-1f));
            poly = poly.fma(z2, FloatVector.broadcast(s, -3.33332819422e-1f));
            FloatVector small = poly.mul(z2).fma(v, v);
            FloatVector e2 = FloatVector.fromArray(s, e, i);
            FloatVector big = FloatVector.broadcast(s, 1f).sub(FloatVector.broadcast(s, 2f).div(e2.add(1f)));
            big = big.blend(big.neg(), v.compare(LT, 0));
            // Zero keeps its sign.
            FloatVector t = big.blend(small, a.compare(LT, TANH_SMALL)).blend(v, v.compare(EQ, 0));
            if (whole) {
                t.intoArray(y, yo + i);
            } else {
                t.intoArray(y, yo + i, mask);
            }
        }
    }

    /** {@code y = log x}: exponent and mantissa split, then an odd series in (m - 1) / (m + 1). */
    final void logInto(float[] x, int xo, float[] y, int yo, int n) {
        VectorSpecies<Float> s = sp();
        for (int i = 0; i < n; i += s.length()) {
            VectorMask<Float> mask = s.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(s, x, xo + i, mask);
                VectorMask<Float> tiny = v.compare(LT, Float.MIN_NORMAL);
                IntVector bits = (IntVector) v.blend(v.mul(SUBNORMAL_SCALE), tiny).reinterpretAsInts();
                IntVector e = bits.lanewise(LSHR, bits.broadcast(23)).and(0xff).sub(127);
                FloatVector m = bits.and(0x7fffff).or(0x3f800000).reinterpretAsFloats();
                VectorMask<Float> high = m.compare(GT, SQRT2);
                m = m.blend(m.mul(0.5f), high);
                FloatVector ef = e.add(0x4B400000).reinterpretAsFloats().sub(ROUND_MAGIC).add(FloatVector.zero(s).blend(1f, high))
                        .sub(FloatVector.zero(s).blend(SUBNORMAL_SHIFT, tiny));
                FloatVector q = m.sub(1f).div(m.add(1f));
                FloatVector q2 = q.mul(q);
                FloatVector series = q2.mul(1f / 11).add(1f / 9);
                series = series.fma(q2, FloatVector.broadcast(s, 1f / 7));
                series = series.fma(q2, FloatVector.broadcast(s, 1f / 5));
                series = series.fma(q2, FloatVector.broadcast(s, 1f / 3));
                series = series.fma(q2, FloatVector.broadcast(s, 1f));
                // e ln2 in two parts: e * LN2_HI is exact.
                FloatVector lv = ef.fma(FloatVector.broadcast(s, LN2_HI), ef.fma(FloatVector.broadcast(s, LN2_LO), q.add(q).mul(series)));
                // log 0 = -inf, log inf = inf, log of a negative or NaN is NaN.
                lv = lv.blend(Float.NEGATIVE_INFINITY, v.compare(EQ, 0));
                lv = lv.blend(Float.POSITIVE_INFINITY, v.compare(EQ, Float.POSITIVE_INFINITY));
                lv = lv.blend(Float.NaN, v.compare(LT, 0).or(v.test(IS_NAN)));
            lv.intoArray(y, yo + i, mask);
        }
    }

    /** {@code y = log(1 + scale x)}, accurate for small arguments: log(u) * w / (u - 1) with u = 1 + w. */
    final void log1pInto(float[] x, int xo, float scale, float[] y, int yo, int n) {
        VectorSpecies<Float> s = sp();
        for (int i = 0; i < n; i += s.length()) {
            VectorMask<Float> mask = s.indexInRange(i, n);
            FloatVector w = FloatVector.fromArray(s, x, xo + i, mask).mul(scale);
            FloatVector u = w.add(1f);
            FloatVector um1 = u.sub(1f);
                VectorMask<Float> tiny = u.compare(LT, Float.MIN_NORMAL);
                IntVector bits = (IntVector) u.blend(u.mul(SUBNORMAL_SCALE), tiny).reinterpretAsInts();
                IntVector e = bits.lanewise(LSHR, bits.broadcast(23)).and(0xff).sub(127);
                FloatVector m = bits.and(0x7fffff).or(0x3f800000).reinterpretAsFloats();
                VectorMask<Float> high = m.compare(GT, SQRT2);
                m = m.blend(m.mul(0.5f), high);
                FloatVector ef = e.add(0x4B400000).reinterpretAsFloats().sub(ROUND_MAGIC).add(FloatVector.zero(s).blend(1f, high))
                        .sub(FloatVector.zero(s).blend(SUBNORMAL_SHIFT, tiny));
                FloatVector q = m.sub(1f).div(m.add(1f));
                FloatVector q2 = q.mul(q);
                FloatVector series = q2.mul(1f / 11).add(1f / 9);
                series = series.fma(q2, FloatVector.broadcast(s, 1f / 7));
                series = series.fma(q2, FloatVector.broadcast(s, 1f / 5));
                series = series.fma(q2, FloatVector.broadcast(s, 1f / 3));
                series = series.fma(q2, FloatVector.broadcast(s, 1f));
                // e ln2 in two parts: e * LN2_HI is exact.
                FloatVector lu = ef.fma(FloatVector.broadcast(s, LN2_HI), ef.fma(FloatVector.broadcast(s, LN2_LO), q.add(q).mul(series)));
                // log 0 = -inf, log inf = inf, log of a negative or NaN is NaN.
                lu = lu.blend(Float.NEGATIVE_INFINITY, u.compare(EQ, 0));
                lu = lu.blend(Float.POSITIVE_INFINITY, u.compare(EQ, Float.POSITIVE_INFINITY));
                lu = lu.blend(Float.NaN, u.compare(LT, 0).or(u.test(IS_NAN)));
            FloatVector corrected = lu.mul(w.div(um1));
            corrected.blend(w, um1.compare(EQ, 0)).blend(lu, u.compare(EQ, Float.POSITIVE_INFINITY))
                    .intoArray(y, yo + i, mask);
        }
    }
}
