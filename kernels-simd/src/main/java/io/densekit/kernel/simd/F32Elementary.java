package io.densekit.kernel.simd;

import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.F2I;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LT;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 exp, tanh, log and log1p built only from exactly rounded operations (add, mul, fma, div,
 * bit moves), and an ordered lane sum.
 *
 * <p>Why not {@code VectorOperators.EXP} or {@code reduceLanes(ADD)}: their compiled forms (SVML
 * stubs, tree reductions) round differently from their interpreted fallbacks, so a result would
 * depend on when the JIT got to a method; here it cannot. Accuracy (ElementaryFunctionsTest): exp and
 * tanh within 2 ulps, log within 2.5, log1p within 5.
 */
abstract class F32Elementary {
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float ROUND_MAGIC = 12582912f; // 1.5 * 2^23: adding it rounds to an integer
    private static final float EXP_MAX = 89f;            // exp overflows past 88.72
    private static final float EXP_MIN = -104f;          // exp underflows to 0 below -103.97
    private static final float TANH_SMALL = 0.625f;
    private static final float SQRT_HALF = 0.707106781186547524f;

    abstract VectorSpecies<Float> sp();

    /** e^x, lane-wise; NaN stays NaN, overflow gives +inf, underflow 0. */
    final FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(EXP_MIN).min(EXP_MAX);
        FloatVector n = xc.mul(LOG2E).add(ROUND_MAGIC).sub(ROUND_MAGIC);
        FloatVector r = n.neg().fma(FloatVector.broadcast(sp(), LN2_HI), xc);
        r = n.neg().fma(FloatVector.broadcast(sp(), LN2_LO), r);
        // e^r on |r| <= ln2/2: Taylor to degree 7 (truncation < 2e-9 relative).
        FloatVector p = r.mul(1f / 5040).add(1f / 720);
        p = p.fma(r, FloatVector.broadcast(sp(), 1f / 120));
        p = p.fma(r, FloatVector.broadcast(sp(), 1f / 24));
        p = p.fma(r, FloatVector.broadcast(sp(), 1f / 6));
        p = p.fma(r, FloatVector.broadcast(sp(), 0.5f));
        p = p.fma(r, FloatVector.broadcast(sp(), 1f));
        p = p.fma(r, FloatVector.broadcast(sp(), 1f));
        // 2^n in two halves so that n down to -150 and up to 128 stay representable.
        IntVector ni = (IntVector) n.convert(F2I, 0);
        IntVector n1 = ni.lanewise(ASHR, 1);
        IntVector n2 = ni.sub(n1);
        FloatVector s1 = n1.add(127).lanewise(LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = n2.add(127).lanewise(LSHL, 23).reinterpretAsFloats();
        return p.mul(s1).mul(s2);
    }

    /** tanh x: a rational fit near 0 (no cancellation), 1 - 2 / (e^{2|x|} + 1) elsewhere. */
    final FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector z = x.mul(x);
        FloatVector poly = z.mul(-5.70498872745e-3f).add(2.06390887954e-2f);
        poly = poly.fma(z, FloatVector.broadcast(sp(), -5.37397155531e-2f));
        poly = poly.fma(z, FloatVector.broadcast(sp(), 1.33314422036e-1f));
        poly = poly.fma(z, FloatVector.broadcast(sp(), -3.33332819422e-1f));
        // x + x z P(z); zero keeps its sign.
        FloatVector small = poly.mul(z).fma(x, x).blend(x, x.compare(EQ, 0f));
        FloatVector big = FloatVector.broadcast(sp(), 1f).sub(FloatVector.broadcast(sp(), 2f).div(exp(a.add(a)).add(1f)));
        big = big.blend(big.neg(), x.compare(LT, 0f));
        return big.blend(small, a.compare(LT, TANH_SMALL));
    }

    /** Natural log: exponent and mantissa split, then an odd series in (m - 1) / (m + 1). */
    final FloatVector log(FloatVector x) {
        VectorSpecies<Float> s = sp();
        // Subnormals are scaled into the normal range first.
        VectorMask<Float> tiny = x.compare(LT, Float.MIN_NORMAL);
        FloatVector xs = x.blend(x.mul(16777216f), tiny);
        IntVector bits = (IntVector) xs.reinterpretAsInts();
        IntVector e = bits.lanewise(ASHR, 23).and(0xff).sub(127);
        FloatVector m = bits.and(0x7fffff).or(0x3f800000).reinterpretAsFloats();
        VectorMask<Float> high = m.compare(GT, 2 * SQRT_HALF);
        m = m.blend(m.mul(0.5f), high);
        FloatVector ef = ((FloatVector) e.convert(jdk.incubator.vector.VectorOperators.I2F, 0))
                .add(FloatVector.zero(s).blend(1f, high))
                .sub(FloatVector.zero(s).blend(24f, tiny));
        FloatVector t = m.sub(1f).div(m.add(1f));
        FloatVector t2 = t.mul(t);
        FloatVector series = t2.mul(1f / 11).add(1f / 9);
        series = series.fma(t2, FloatVector.broadcast(s, 1f / 7));
        series = series.fma(t2, FloatVector.broadcast(s, 1f / 5));
        series = series.fma(t2, FloatVector.broadcast(s, 1f / 3));
        series = series.fma(t2, FloatVector.broadcast(s, 1f));
        // e ln2 in two parts (the high part has few bits, so e * LN2_HI is exact).
        FloatVector result = ef.fma(FloatVector.broadcast(s, LN2_HI),
                ef.fma(FloatVector.broadcast(s, LN2_LO), t.add(t).mul(series)));
        // Edge cases: log 0 = -inf, log of a negative or NaN is NaN, log inf = inf.
        result = result.blend(Float.NEGATIVE_INFINITY, x.compare(EQ, 0f));
        result = result.blend(Float.POSITIVE_INFINITY, x.compare(EQ, Float.POSITIVE_INFINITY));
        return result.blend(Float.NaN, x.compare(LT, 0f).or(x.test(jdk.incubator.vector.VectorOperators.IS_NAN)));
    }

    /** log(1 + y), accurate for small y: log(u) * y / (u - 1) with u = 1 + y. */
    final FloatVector log1p(FloatVector y) {
        FloatVector u = y.add(1f);
        FloatVector um1 = u.sub(1f);
        FloatVector corrected = log(u).mul(y.div(um1));
        return corrected.blend(y, um1.compare(EQ, 0f)).blend(log(u), u.compare(EQ, Float.POSITIVE_INFINITY));
    }

    /** The lanes' sum in lane order. */
    static float laneSum(FloatVector v) {
        float sum = 0;
        for (int i = 0; i < v.length(); i++) {
            sum += v.lane(i);
        }
        return sum;
    }
}
