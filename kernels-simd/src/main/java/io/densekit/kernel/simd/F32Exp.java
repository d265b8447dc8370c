package io.densekit.kernel.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 e^x over arrays, from exactly rounded operations only (see {@link F32Elementary} for why),
 * in three passes over blocks of {@link #STAGE} elements: argument reduction, the polynomial, then
 * the scaling by 2^n. The passes hand their results over in the calling thread's workspace.
 *
 * <p>Why passes rather than one loop: a loop of about forty vector operations inlines more bytecode
 * than C2's budget ({@code DesiredMethodLimit}), after which the JIT delays the rest of the vector
 * calls and, depending on the run, leaves some of them as calls or Java fallbacks that allocate a box
 * for every vector. Each pass here is small enough to be compiled whole. An element gets the same
 * operations in the same order as in a single loop, and stored floats reload exactly, so the results
 * are the same bits.
 */
abstract class F32Exp {
    private static final float LOG2E = 1.44269504088896341f;
    static final float LN2_HI = 0.693359375f;
    static final float LN2_LO = -2.12194440e-4f;
    static final float ROUND_MAGIC = 12582912f;   // 1.5 * 2^23: adding it rounds to an integer
    private static final float EXP_MAX = 89f;     // e^x overflows past 88.72
    private static final float EXP_MIN = -104f;   // e^x underflows to 0 below -103.97
    /** Elements per pass: its three pass buffers (12 KiB) stay in L1. A multiple of every lane count. */
    static final int STAGE = 1024;

    abstract VectorSpecies<Float> sp();

    /** The calling thread's workspace. */
    abstract Workspace workspace();

    /**
     * {@code y[i] = exp(scale * x[i] - shift)} for {@code i < n} ({@code y} may be {@code x} at the same
     * offset; null stores nothing) and returns the sum of the results: each lane of a vector
     * accumulator adds its elements in order, then the lanes are added left to right.
     */
    final float expSum(float[] x, int xo, float scale, float shift, float[] y, int yo, int n) {
        int lanes = sp().length();
        Workspace ws = workspace();
        float[] r = ws.floats(Workspace.EXP_R, STAGE);
        float[] k = ws.floats(Workspace.EXP_K, STAGE);
        float[] k2 = ws.floats(Workspace.EXP_K2, STAGE);
        float[] acc = ws.floats(Workspace.EXP_ACC, lanes);
        java.util.Arrays.fill(acc, 0, lanes, 0f);
        for (int b = 0; b < n; b += STAGE) {
            int len = Math.min(STAGE, n - b);
            expReduce(x, xo + b, false, scale, shift, r, k, len);
            expPolynomial(r, len);
            expPowers(k, k2, len);
            expScale(r, k, k2, y, yo + b, acc, len);
        }
        float total = acc[0];
        for (int j = 1; j < lanes; j++) {
            total += acc[j];
        }
        return total;
    }

    /**
     * Pass 1: for {@code t = twiceAbs ? |x| + |x| : scale x - shift}, clamped to where e^t is finite
     * and non-zero, {@code k[i] = round(t / ln 2)} and {@code r[i] = t - k ln 2} (in two parts).
     */
    final void expReduce(float[] x, int xo, boolean twiceAbs, float scale, float shift, float[] r, float[] k,
                         int len) {
        VectorSpecies<Float> s = sp();
        FloatVector ln2Hi = FloatVector.broadcast(s, LN2_HI);
        FloatVector ln2Lo = FloatVector.broadcast(s, LN2_LO);
        for (int i = 0; i < len; i += s.length()) {
            // Whole vectors load unmasked; only the tail needs the mask.
            FloatVector v = i + s.length() <= len ? FloatVector.fromArray(s, x, xo + i)
                    : FloatVector.fromArray(s, x, xo + i, s.indexInRange(i, len));
            FloatVector a = v.abs();
            v = twiceAbs ? a.add(a) : v.mul(scale).sub(shift);
            FloatVector xc = v.max(EXP_MIN).min(EXP_MAX);
            FloatVector nk = xc.mul(LOG2E).add(ROUND_MAGIC).sub(ROUND_MAGIC);
            FloatVector rv = nk.neg().fma(ln2Hi, xc);
            nk.neg().fma(ln2Lo, rv).intoArray(r, i);
            nk.intoArray(k, i);
        }
    }

    /** Pass 2: {@code r[i] = e^r[i]} for the reduced arguments, by a degree-7 Taylor polynomial. */
    final void expPolynomial(float[] r, int len) {
        VectorSpecies<Float> s = sp();
        for (int i = 0; i < len; i += s.length()) {
            FloatVector rv = FloatVector.fromArray(s, r, i);
            FloatVector p = rv.mul(1f / 5040).add(1f / 720);
            p = p.fma(rv, FloatVector.broadcast(s, 1f / 120));
            p = p.fma(rv, FloatVector.broadcast(s, 1f / 24));
            p = p.fma(rv, FloatVector.broadcast(s, 1f / 6));
            p = p.fma(rv, FloatVector.broadcast(s, 0.5f));
            p = p.fma(rv, FloatVector.broadcast(s, 1f));
            p = p.fma(rv, FloatVector.broadcast(s, 1f));
            p.intoArray(r, i);
        }
    }

    /**
     * Pass 3: {@code k[i] = 2^ceil(k[i] / 2)} and {@code k2[i] = 2^(k[i] - that half)}. The exponent is
     * split in two so that 2^k stays representable from k = -150 up; each half becomes a power of two
     * through the bits of ROUND_MAGIC + half (no conversion or shift, which would not compile to
     * vector code here).
     */
    final void expPowers(float[] k, float[] k2, int len) {
        VectorSpecies<Float> s = sp();
        for (int i = 0; i < len; i += s.length()) {
            FloatVector nk = FloatVector.fromArray(s, k, i);
            FloatVector h1 = nk.mul(0.5f).add(ROUND_MAGIC);
            FloatVector h2 = nk.sub(h1.sub(ROUND_MAGIC)).add(ROUND_MAGIC);
            ((IntVector) h1.reinterpretAsInts()).sub(0x4B400000 - 127).mul(1 << 23).reinterpretAsFloats().intoArray(k, i);
            ((IntVector) h2.reinterpretAsInts()).sub(0x4B400000 - 127).mul(1 << 23).reinterpretAsFloats().intoArray(k2, i);
        }
    }

    /**
     * Pass 4: {@code e = p[i] s1[i] s2[i]}, stored to {@code y} (unless null; {@code y} may be
     * {@code p} at offset 0) and added into the lane accumulators {@code acc}.
     */
    final void expScale(float[] p, float[] s1, float[] s2, float[] y, int yo, float[] acc, int len) {
        VectorSpecies<Float> s = sp();
        FloatVector sum = FloatVector.fromArray(s, acc, 0);
        for (int i = 0; i < len; i += s.length()) {
            FloatVector ev = FloatVector.fromArray(s, p, i).mul(FloatVector.fromArray(s, s1, i))
                    .mul(FloatVector.fromArray(s, s2, i));
            if (i + s.length() <= len) { // a whole vector: unmasked (a masked store is slow on some CPUs)
                if (y != null) {
                    ev.intoArray(y, yo + i);
                }
                sum = sum.add(ev);
            } else {
                VectorMask<Float> mask = s.indexInRange(i, len);
                if (y != null) {
                    ev.intoArray(y, yo + i, mask);
                }
                sum = sum.add(ev, mask);
            }
        }
        sum.intoArray(acc, 0);
    }
}
