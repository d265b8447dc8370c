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
 * fma, div, bit moves), and an ordered lane sum. Accuracy (ElementaryFunctionsTest): exp, tanh within 2 ulps, log within 2.5, log1p within 5.
 *
 * <p>Why not {@code VectorOperators.EXP} or {@code reduceLanes(ADD)}: their compiled forms (SVML
 * stubs, tree reductions) round differently from their interpreted fallbacks, so results would depend
 * on when the JIT reached a method. Why array routines: a vector passed to or returned from a method
 * the JIT does not inline is boxed on the heap; each routine here keeps its vectors inside one loop.
 * Every loop runs masked vectors to the end, so an element gets the same arithmetic wherever it sits.
 */
abstract class F32Elementary {
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float ROUND_MAGIC = 12582912f; // 1.5 * 2^23: adding it rounds to an integer
    private static final float EXP_MAX = 89f;            // e^x overflows past 88.72
    private static final float EXP_MIN = -104f;          // e^x underflows to 0 below -103.97
    private static final float TANH_SMALL = 0.625f;
    private static final float SQRT2 = 1.41421356237309505f;
    private static final float SUBNORMAL_SCALE = 16777216f; // 2^24
    private static final float SUBNORMAL_SHIFT = 24f;

    abstract VectorSpecies<Float> sp();

    /**
     * {@code y[i] = exp(scale * x[i] - shift)} for {@code i < n} ({@code y} may be {@code x}; null
     * stores nothing) and returns the sum of the results, added in a fixed order.
     */
    final float expSum(float[] x, int xo, float scale, float shift, float[] y, int yo, int n) {
        VectorSpecies<Float> s = sp();
        FloatVector acc = FloatVector.zero(s);
        for (int i = 0; i < n; i += s.length()) {
            VectorMask<Float> mask = s.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(s, x, xo + i, mask).mul(scale).sub(shift);
                FloatVector xc = v.max(EXP_MIN).min(EXP_MAX);
                FloatVector shifted = xc.mul(LOG2E).add(ROUND_MAGIC);
                FloatVector nk = shifted.sub(ROUND_MAGIC);
                FloatVector r = nk.neg().fma(FloatVector.broadcast(s, LN2_HI), xc);
                r = nk.neg().fma(FloatVector.broadcast(s, LN2_LO), r);
                FloatVector p = r.mul(1f / 5040).add(1f / 720);
                p = p.fma(r, FloatVector.broadcast(s, 1f / 120));
                p = p.fma(r, FloatVector.broadcast(s, 1f / 24));
                p = p.fma(r, FloatVector.broadcast(s, 1f / 6));
                p = p.fma(r, FloatVector.broadcast(s, 0.5f));
                p = p.fma(r, FloatVector.broadcast(s, 1f));
                p = p.fma(r, FloatVector.broadcast(s, 1f));
                // n is split into two halves so 2^n stays representable from n = -150 (-1076) up; each half
                // becomes a power of two through the bits of ROUND_MAGIC + half (no conversion or shift,
                // which would not compile to vector code here: see the class comment).
                FloatVector h1 = nk.mul(0.5f).add(ROUND_MAGIC);
                FloatVector h2 = nk.sub(h1.sub(ROUND_MAGIC)).add(ROUND_MAGIC);
                FloatVector s1 = ((IntVector) h1.reinterpretAsInts()).sub(0x4B400000 - 127).mul((1 << 23)).reinterpretAsFloats();
                FloatVector s2 = ((IntVector) h2.reinterpretAsInts()).sub(0x4B400000 - 127).mul((1 << 23)).reinterpretAsFloats();
                FloatVector ev = p.mul(s1).mul(s2);
            if (y != null) {
                ev.intoArray(y, yo + i, mask);
            }
            acc = acc.add(ev, mask);
        }
        return laneSum(acc);
    }

    /** {@code y = tanh x}: a rational fit below 0.625 (no cancellation), 1 - 2 / (e^(2|x|) + 1) above. */
    final void tanhInto(float[] x, int xo, float[] y, int yo, int n) {
        VectorSpecies<Float> s = sp();
        for (int i = 0; i < n; i += s.length()) {
            VectorMask<Float> mask = s.indexInRange(i, n);
            FloatVector v = FloatVector.fromArray(s, x, xo + i, mask);
            FloatVector a = v.abs();
                FloatVector z2 = v.mul(v);
                FloatVector poly = z2.mul(-5.70498872745e-3f).add(2.06390887954e-2f);
                poly = poly.fma(z2, FloatVector.broadcast(s, -5.37397155531e-2f));
                poly = poly.fma(z2, FloatVector.broadcast(s, 1.33314422036e-1f));
                poly = poly.fma(z2, FloatVector.broadcast(s, -3.33332819422e-1f));
                FloatVector small = poly.mul(z2).fma(v, v);
            FloatVector twice = a.add(a);
                FloatVector xc = twice.max(EXP_MIN).min(EXP_MAX);
                FloatVector shifted = xc.mul(LOG2E).add(ROUND_MAGIC);
                FloatVector nk = shifted.sub(ROUND_MAGIC);
                FloatVector r = nk.neg().fma(FloatVector.broadcast(s, LN2_HI), xc);
                r = nk.neg().fma(FloatVector.broadcast(s, LN2_LO), r);
                FloatVector p = r.mul(1f / 5040).add(1f / 720);
                p = p.fma(r, FloatVector.broadcast(s, 1f / 120));
                p = p.fma(r, FloatVector.broadcast(s, 1f / 24));
                p = p.fma(r, FloatVector.broadcast(s, 1f / 6));
                p = p.fma(r, FloatVector.broadcast(s, 0.5f));
                p = p.fma(r, FloatVector.broadcast(s, 1f));
                p = p.fma(r, FloatVector.broadcast(s, 1f));
                // n is split into two halves so 2^n stays representable from n = -150 (-1076) up; each half
                // becomes a power of two through the bits of ROUND_MAGIC + half (no conversion or shift,
                // which would not compile to vector code here: see the class comment).
                FloatVector h1 = nk.mul(0.5f).add(ROUND_MAGIC);
                FloatVector h2 = nk.sub(h1.sub(ROUND_MAGIC)).add(ROUND_MAGIC);
                FloatVector s1 = ((IntVector) h1.reinterpretAsInts()).sub(0x4B400000 - 127).mul((1 << 23)).reinterpretAsFloats();
                FloatVector s2 = ((IntVector) h2.reinterpretAsInts()).sub(0x4B400000 - 127).mul((1 << 23)).reinterpretAsFloats();
                FloatVector e2 = p.mul(s1).mul(s2);
            FloatVector big = FloatVector.broadcast(s, 1f).sub(FloatVector.broadcast(s, 2f).div(e2.add(1f)));
            big = big.blend(big.neg(), v.compare(LT, 0));
            // Zero keeps its sign.
            big.blend(small, a.compare(LT, TANH_SMALL)).blend(v, v.compare(EQ, 0)).intoArray(y, yo + i, mask);
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

    /**
     * The lanes' sum, added left to right. The lane indices are constants, so each extract compiles to
     * one instruction.
     */
    static float laneSum(FloatVector v) {
        return switch (v.length()) {
            case 2 -> v.lane(0) + v.lane(1);
            case 4 -> v.lane(0) + v.lane(1) + v.lane(2) + v.lane(3);
            case 8 -> v.lane(0) + v.lane(1) + v.lane(2) + v.lane(3) + v.lane(4) + v.lane(5) + v.lane(6) + v.lane(7);
            case 16 -> v.lane(0) + v.lane(1) + v.lane(2) + v.lane(3) + v.lane(4) + v.lane(5) + v.lane(6) + v.lane(7) + v.lane(8) + v.lane(9) + v.lane(10) + v.lane(11) + v.lane(12) + v.lane(13) + v.lane(14) + v.lane(15);
            default -> throw new IllegalStateException("unexpected lane count " + v.length());
        };
    }
}
