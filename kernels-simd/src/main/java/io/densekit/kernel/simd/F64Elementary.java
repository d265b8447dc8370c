package io.densekit.kernel.simd;

import static jdk.incubator.vector.VectorOperators.ASHR;
import static jdk.incubator.vector.VectorOperators.D2L;
import static jdk.incubator.vector.VectorOperators.EQ;
import static jdk.incubator.vector.VectorOperators.GT;
import static jdk.incubator.vector.VectorOperators.IS_NAN;
import static jdk.incubator.vector.VectorOperators.L2D;
import static jdk.incubator.vector.VectorOperators.LSHL;
import static jdk.incubator.vector.VectorOperators.LT;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * float64 counterpart of {@link F32Elementary}: the same methods with double-precision fits. Accuracy
 * (ElementaryFunctionsTest, measured against StrictMath, itself within 1 ulp): exp, tanh and log within
 * 2 ulps of StrictMath, log1p within 3.
 */
abstract class F64Elementary {
    private static final double LOG2E = 1.44269504088896338700e+00;
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double ROUND_MAGIC = 6755399441055744.0; // 1.5 * 2^52
    private static final double EXP_MAX = 710;
    private static final double EXP_MIN = -746;
    private static final double TANH_SMALL = 0.625;
    private static final double SQRT_HALF = 0.70710678118654752440;

    abstract VectorSpecies<Double> sp();

    final DoubleVector exp(DoubleVector x) {
        VectorSpecies<Double> s = sp();
        DoubleVector xc = x.max(EXP_MIN).min(EXP_MAX);
        DoubleVector n = xc.mul(LOG2E).add(ROUND_MAGIC).sub(ROUND_MAGIC);
        DoubleVector r = n.neg().fma(DoubleVector.broadcast(s, LN2_HI), xc);
        r = n.neg().fma(DoubleVector.broadcast(s, LN2_LO), r);
        // e^r on |r| <= ln2/2: Taylor to degree 13 (truncation < 5e-18 relative).
        DoubleVector p = r.mul(1.0 / 6227020800.0).add(1.0 / 479001600.0);
        p = p.fma(r, DoubleVector.broadcast(s, 1.0 / 39916800.0));
        p = p.fma(r, DoubleVector.broadcast(s, 1.0 / 3628800.0));
        p = p.fma(r, DoubleVector.broadcast(s, 1.0 / 362880.0));
        p = p.fma(r, DoubleVector.broadcast(s, 1.0 / 40320.0));
        p = p.fma(r, DoubleVector.broadcast(s, 1.0 / 5040.0));
        p = p.fma(r, DoubleVector.broadcast(s, 1.0 / 720.0));
        p = p.fma(r, DoubleVector.broadcast(s, 1.0 / 120.0));
        p = p.fma(r, DoubleVector.broadcast(s, 1.0 / 24.0));
        p = p.fma(r, DoubleVector.broadcast(s, 1.0 / 6.0));
        p = p.fma(r, DoubleVector.broadcast(s, 0.5));
        p = p.fma(r, DoubleVector.broadcast(s, 1.0));
        p = p.fma(r, DoubleVector.broadcast(s, 1.0));
        LongVector ni = (LongVector) n.convert(D2L, 0);
        LongVector n1 = ni.lanewise(ASHR, 1);
        LongVector n2 = ni.sub(n1);
        DoubleVector s1 = n1.add(1023).lanewise(LSHL, 52).reinterpretAsDoubles();
        DoubleVector s2 = n2.add(1023).lanewise(LSHL, 52).reinterpretAsDoubles();
        return p.mul(s1).mul(s2);
    }

    /** tanh x: Cephes' rational fit below 0.625, 1 - 2 / (e^{2|x|} + 1) above. */
    final DoubleVector tanh(DoubleVector x) {
        VectorSpecies<Double> s = sp();
        DoubleVector a = x.abs();
        DoubleVector z = x.mul(x);
        DoubleVector num = z.mul(-9.64399179425052238628e-1).add(-9.92877231001918586564e1);
        num = num.fma(z, DoubleVector.broadcast(s, -1.61468768441708447952e3));
        DoubleVector den = z.add(1.12811678491632931402e2);
        den = den.fma(z, DoubleVector.broadcast(s, 2.23548839060100448583e3));
        den = den.fma(z, DoubleVector.broadcast(s, 4.84406305325125486048e3));
        DoubleVector small = x.mul(z).mul(num.div(den)).add(x).blend(x, x.compare(EQ, 0.0));
        DoubleVector big = DoubleVector.broadcast(s, 1.0).sub(DoubleVector.broadcast(s, 2.0).div(exp(a.add(a)).add(1.0)));
        big = big.blend(big.neg(), x.compare(LT, 0.0));
        return big.blend(small, a.compare(LT, TANH_SMALL));
    }

    final DoubleVector log(DoubleVector x) {
        VectorSpecies<Double> s = sp();
        VectorMask<Double> tiny = x.compare(LT, Double.MIN_NORMAL);
        DoubleVector xs = x.blend(x.mul(18014398509481984.0), tiny); // 2^54
        LongVector bits = (LongVector) xs.reinterpretAsLongs();
        LongVector e = bits.lanewise(jdk.incubator.vector.VectorOperators.LSHR, 52).and(0x7ffL).sub(1023);
        DoubleVector m = bits.and(0xfffffffffffffL).or(0x3ff0000000000000L).reinterpretAsDoubles();
        VectorMask<Double> high = m.compare(GT, 2 * SQRT_HALF);
        m = m.blend(m.mul(0.5), high);
        DoubleVector ef = ((DoubleVector) e.convert(L2D, 0))
                .add(DoubleVector.zero(s).blend(1.0, high))
                .sub(DoubleVector.zero(s).blend(54.0, tiny));
        DoubleVector t = m.sub(1.0).div(m.add(1.0));
        DoubleVector t2 = t.mul(t);
        DoubleVector series = t2.mul(1.0 / 23).add(1.0 / 21);
        series = series.fma(t2, DoubleVector.broadcast(s, 1.0 / 19));
        series = series.fma(t2, DoubleVector.broadcast(s, 1.0 / 17));
        series = series.fma(t2, DoubleVector.broadcast(s, 1.0 / 15));
        series = series.fma(t2, DoubleVector.broadcast(s, 1.0 / 13));
        series = series.fma(t2, DoubleVector.broadcast(s, 1.0 / 11));
        series = series.fma(t2, DoubleVector.broadcast(s, 1.0 / 9));
        series = series.fma(t2, DoubleVector.broadcast(s, 1.0 / 7));
        series = series.fma(t2, DoubleVector.broadcast(s, 1.0 / 5));
        series = series.fma(t2, DoubleVector.broadcast(s, 1.0 / 3));
        series = series.fma(t2, DoubleVector.broadcast(s, 1.0 / 1));
        DoubleVector logm = t.add(t).mul(series);
        DoubleVector result = ef.fma(DoubleVector.broadcast(s, LN2_HI), ef.fma(DoubleVector.broadcast(s, LN2_LO), logm));
        result = result.blend(Double.NEGATIVE_INFINITY, x.compare(EQ, 0.0));
        result = result.blend(Double.POSITIVE_INFINITY, x.compare(EQ, Double.POSITIVE_INFINITY));
        return result.blend(Double.NaN, x.compare(LT, 0.0).or(x.test(IS_NAN)));
    }

    final DoubleVector log1p(DoubleVector y) {
        DoubleVector u = y.add(1.0);
        DoubleVector um1 = u.sub(1.0);
        DoubleVector corrected = log(u).mul(y.div(um1));
        return corrected.blend(y, um1.compare(EQ, 0.0)).blend(log(u), u.compare(EQ, Double.POSITIVE_INFINITY));
    }

    static double laneSum(DoubleVector v) {
        double sum = 0;
        for (int i = 0; i < v.length(); i++) {
            sum += v.lane(i);
        }
        return sum;
    }
}
