package io.densekit.kernel.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * float64 e^x over arrays, from exactly rounded operations only (see {@link F64Elementary} for why),
 * in three passes over blocks of {@link #STAGE} elements: argument reduction, the polynomial, then
 * the scaling by 2^n. The passes hand their results over in the calling thread's workspace.
 *
 * <p>Why passes rather than one loop: a loop of about forty vector operations inlines more bytecode
 * than C2's budget ({@code DesiredMethodLimit}), after which the JIT delays the rest of the vector
 * calls and, depending on the run, leaves some of them as calls or Java fallbacks that allocate a box
 * for every vector. Each pass here is small enough to be compiled whole. An element gets the same
 * operations in the same order as in a single loop, and stored doubles reload exactly, so the results
 * are the same bits.
 */
abstract class F64Exp {
    private static final double LOG2E = 1.44269504088896338700e+00;
    static final double LN2_HI = 6.93147180369123816490e-01;
    static final double LN2_LO = 1.90821492927058770002e-10;
    static final double ROUND_MAGIC = 6755399441055744.0; // 1.5 * 2^52: adding it rounds to an integer
    private static final double EXP_MAX = 710;            // e^x overflows past 709.78
    private static final double EXP_MIN = -746;           // e^x underflows to 0 below -745.13
    /** Elements per pass: its three pass buffers (12 KiB) stay in L1. A multiple of every lane count. */
    static final int STAGE = 512;

    abstract VectorSpecies<Double> sp();

    /** The calling thread's workspace. */
    abstract Workspace workspace();

    /**
     * {@code y[i] = exp(scale * x[i] - shift)} for {@code i < n} ({@code y} may be {@code x} at the same
     * offset; null stores nothing) and returns the sum of the results: each lane of a vector
     * accumulator adds its elements in order, then the lanes are added left to right.
     */
    final double expSum(double[] x, int xo, double scale, double shift, double[] y, int yo, int n) {
        int lanes = sp().length();
        Workspace ws = workspace();
        double[] r = ws.doubles(Workspace.EXP_R, STAGE);
        double[] k = ws.doubles(Workspace.EXP_K, STAGE);
        double[] k2 = ws.doubles(Workspace.EXP_K2, STAGE);
        double[] acc = ws.doubles(Workspace.EXP_ACC, lanes);
        java.util.Arrays.fill(acc, 0, lanes, 0.0);
        for (int b = 0; b < n; b += STAGE) {
            int len = Math.min(STAGE, n - b);
            expReduce(x, xo + b, false, scale, shift, r, k, len);
            expPolynomial(r, len);
            expPowers(k, k2, len);
            expScale(r, k, k2, y, yo + b, acc, len);
        }
        double total = acc[0];
        for (int j = 1; j < lanes; j++) {
            total += acc[j];
        }
        return total;
    }

    /**
     * Pass 1: for {@code t = twiceAbs ? |x| + |x| : scale x - shift}, clamped to where e^t is finite
     * and non-zero, {@code k[i] = round(t / ln 2)} and {@code r[i] = t - k ln 2} (in two parts).
     */
    final void expReduce(double[] x, int xo, boolean twiceAbs, double scale, double shift, double[] r, double[] k,
                         int len) {
        VectorSpecies<Double> s = sp();
        DoubleVector ln2Hi = DoubleVector.broadcast(s, LN2_HI);
        DoubleVector ln2Lo = DoubleVector.broadcast(s, LN2_LO);
        for (int i = 0; i < len; i += s.length()) {
            VectorMask<Double> mask = s.indexInRange(i, len);
            DoubleVector v = DoubleVector.fromArray(s, x, xo + i, mask);
            DoubleVector a = v.abs();
            v = twiceAbs ? a.add(a) : v.mul(scale).sub(shift);
            DoubleVector xc = v.max(EXP_MIN).min(EXP_MAX);
            DoubleVector nk = xc.mul(LOG2E).add(ROUND_MAGIC).sub(ROUND_MAGIC);
            DoubleVector rv = nk.neg().fma(ln2Hi, xc);
            nk.neg().fma(ln2Lo, rv).intoArray(r, i);
            nk.intoArray(k, i);
        }
    }

    /** Pass 2: {@code r[i] = e^r[i]} for the reduced arguments, by a degree-13 Taylor polynomial. */
    final void expPolynomial(double[] r, int len) {
        VectorSpecies<Double> s = sp();
        for (int i = 0; i < len; i += s.length()) {
            DoubleVector rv = DoubleVector.fromArray(s, r, i);
            DoubleVector p = rv.mul(1.0 / 6227020800.0).add(1.0 / 479001600.0);
            p = p.fma(rv, DoubleVector.broadcast(s, 1.0 / 39916800.0));
            p = p.fma(rv, DoubleVector.broadcast(s, 1.0 / 3628800.0));
            p = p.fma(rv, DoubleVector.broadcast(s, 1.0 / 362880.0));
            p = p.fma(rv, DoubleVector.broadcast(s, 1.0 / 40320.0));
            p = p.fma(rv, DoubleVector.broadcast(s, 1.0 / 5040.0));
            p = p.fma(rv, DoubleVector.broadcast(s, 1.0 / 720.0));
            p = p.fma(rv, DoubleVector.broadcast(s, 1.0 / 120.0));
            p = p.fma(rv, DoubleVector.broadcast(s, 1.0 / 24.0));
            p = p.fma(rv, DoubleVector.broadcast(s, 1.0 / 6.0));
            p = p.fma(rv, DoubleVector.broadcast(s, 0.5));
            p = p.fma(rv, DoubleVector.broadcast(s, 1.0));
            p = p.fma(rv, DoubleVector.broadcast(s, 1.0));
            p.intoArray(r, i);
        }
    }

    /**
     * Pass 3: {@code k[i] = 2^ceil(k[i] / 2)} and {@code k2[i] = 2^(k[i] - that half)}. The exponent is
     * split in two so that 2^k stays representable from k = -1076 up; each half becomes a power of two
     * through the bits of ROUND_MAGIC + half (no conversion or shift, which would not compile to
     * vector code here).
     */
    final void expPowers(double[] k, double[] k2, int len) {
        VectorSpecies<Double> s = sp();
        for (int i = 0; i < len; i += s.length()) {
            DoubleVector nk = DoubleVector.fromArray(s, k, i);
            DoubleVector h1 = nk.mul(0.5).add(ROUND_MAGIC);
            DoubleVector h2 = nk.sub(h1.sub(ROUND_MAGIC)).add(ROUND_MAGIC);
            ((LongVector) h1.reinterpretAsLongs()).sub(0x4338000000000000L - 1023).mul(1L << 52).reinterpretAsDoubles().intoArray(k, i);
            ((LongVector) h2.reinterpretAsLongs()).sub(0x4338000000000000L - 1023).mul(1L << 52).reinterpretAsDoubles().intoArray(k2, i);
        }
    }

    /**
     * Pass 4: {@code e = p[i] s1[i] s2[i]}, stored to {@code y} (unless null; {@code y} may be
     * {@code p} at offset 0) and added into the lane accumulators {@code acc}.
     */
    final void expScale(double[] p, double[] s1, double[] s2, double[] y, int yo, double[] acc, int len) {
        VectorSpecies<Double> s = sp();
        DoubleVector sum = DoubleVector.fromArray(s, acc, 0);
        for (int i = 0; i < len; i += s.length()) {
            VectorMask<Double> mask = s.indexInRange(i, len);
            DoubleVector ev = DoubleVector.fromArray(s, p, i).mul(DoubleVector.fromArray(s, s1, i))
                    .mul(DoubleVector.fromArray(s, s2, i));
            if (y != null) {
                ev.intoArray(y, yo + i, mask);
            }
            sum = sum.add(ev, mask);
        }
        sum.intoArray(acc, 0);
    }
}
