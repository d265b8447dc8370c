package io.densekit.kernel.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The machine's ceiling for the GEMMs: a loop of fused multiply-adds on registers alone, at the
 * preferred vector width, with no loads, stores or dependencies beyond each chain's own. What the
 * simd kernel and its peers reach is quoted against it ({@code FmaPeakBenchmark}); no product can run
 * faster than this loop on the same cores.
 *
 * <p>{@value #CHAINS} independent chains: more than an FMA's latency times the FMA pipes on any x86
 * core of today (4 cycles x 2 pipes), so the pipes, not a chain's latency, set the rate, and within
 * the 16 vector registers AVX2 has. Each step is {@code acc = acc * x + y} with {@code 0 < x < 1},
 * which stays bounded and away from subnormals for any number of steps.
 */
public final class FmaPeak {
    /** Independent accumulator chains of the loop. */
    public static final int CHAINS = 12;

    private static final VectorSpecies<Float> F32 = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> F64 = DoubleVector.SPECIES_PREFERRED;

    private FmaPeak() {
    }

    /** Lanes of a float32 vector at the preferred width. */
    public static int f32Lanes() {
        return F32.length();
    }

    /** Lanes of a float64 vector at the preferred width. */
    public static int f64Lanes() {
        return F64.length();
    }

    /** Floating-point operations of one {@link #f32} or {@link #f64} call: 2 per lane per FMA. */
    public static double flops(int steps, int lanes) {
        return 2.0 * CHAINS * steps * lanes;
    }

    /**
     * {@code steps} FMAs on each of the {@value #CHAINS} chains, chain i starting from {@code start + i}
     * in every lane; returns the chains' sum in order (c0 + c1 + ... + c11) in lane 0 (every lane computes the same), so that
     * the loop cannot be removed.
     */
    public static float f32(int steps, float start, float x, float y) {
        FloatVector vx = FloatVector.broadcast(F32, x);
        FloatVector vy = FloatVector.broadcast(F32, y);
        FloatVector c0 = FloatVector.broadcast(F32, start);
        FloatVector c1 = FloatVector.broadcast(F32, start + 1);
        FloatVector c2 = FloatVector.broadcast(F32, start + 2);
        FloatVector c3 = FloatVector.broadcast(F32, start + 3);
        FloatVector c4 = FloatVector.broadcast(F32, start + 4);
        FloatVector c5 = FloatVector.broadcast(F32, start + 5);
        FloatVector c6 = FloatVector.broadcast(F32, start + 6);
        FloatVector c7 = FloatVector.broadcast(F32, start + 7);
        FloatVector c8 = FloatVector.broadcast(F32, start + 8);
        FloatVector c9 = FloatVector.broadcast(F32, start + 9);
        FloatVector c10 = FloatVector.broadcast(F32, start + 10);
        FloatVector c11 = FloatVector.broadcast(F32, start + 11);
        for (int s = 0; s < steps; s++) {
            c0 = c0.fma(vx, vy);
            c1 = c1.fma(vx, vy);
            c2 = c2.fma(vx, vy);
            c3 = c3.fma(vx, vy);
            c4 = c4.fma(vx, vy);
            c5 = c5.fma(vx, vy);
            c6 = c6.fma(vx, vy);
            c7 = c7.fma(vx, vy);
            c8 = c8.fma(vx, vy);
            c9 = c9.fma(vx, vy);
            c10 = c10.fma(vx, vy);
            c11 = c11.fma(vx, vy);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .lane(0);
    }

    /** As {@link #f32}, in float64. */
    public static double f64(int steps, double start, double x, double y) {
        DoubleVector vx = DoubleVector.broadcast(F64, x);
        DoubleVector vy = DoubleVector.broadcast(F64, y);
        DoubleVector c0 = DoubleVector.broadcast(F64, start);
        DoubleVector c1 = DoubleVector.broadcast(F64, start + 1);
        DoubleVector c2 = DoubleVector.broadcast(F64, start + 2);
        DoubleVector c3 = DoubleVector.broadcast(F64, start + 3);
        DoubleVector c4 = DoubleVector.broadcast(F64, start + 4);
        DoubleVector c5 = DoubleVector.broadcast(F64, start + 5);
        DoubleVector c6 = DoubleVector.broadcast(F64, start + 6);
        DoubleVector c7 = DoubleVector.broadcast(F64, start + 7);
        DoubleVector c8 = DoubleVector.broadcast(F64, start + 8);
        DoubleVector c9 = DoubleVector.broadcast(F64, start + 9);
        DoubleVector c10 = DoubleVector.broadcast(F64, start + 10);
        DoubleVector c11 = DoubleVector.broadcast(F64, start + 11);
        for (int s = 0; s < steps; s++) {
            c0 = c0.fma(vx, vy);
            c1 = c1.fma(vx, vy);
            c2 = c2.fma(vx, vy);
            c3 = c3.fma(vx, vy);
            c4 = c4.fma(vx, vy);
            c5 = c5.fma(vx, vy);
            c6 = c6.fma(vx, vy);
            c7 = c7.fma(vx, vy);
            c8 = c8.fma(vx, vy);
            c9 = c9.fma(vx, vy);
            c10 = c10.fma(vx, vy);
            c11 = c11.fma(vx, vy);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .lane(0);
    }
}
