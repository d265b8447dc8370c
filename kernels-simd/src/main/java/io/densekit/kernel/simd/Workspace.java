package io.densekit.kernel.simd;

/**
 * One thread's scratch memory (packed GEMM panels, the micro-kernel's output tile, the passes of the
 * element-wise functions). Buffers grow to the largest size asked for and are then reused, so
 * steady-state training allocates nothing.
 */
final class Workspace {
    static final int PACK_A = 0;
    static final int PACK_B = 1;
    static final int TILE = 2;
    static final int SCRATCH_1 = 3;
    static final int SCRATCH_2 = 4;
    /** The passes of exp (see F32Exp and F64Exp): reduced arguments, the two halves of the exponent, lane sums. */
    static final int EXP_R = 5;
    static final int EXP_K = 6;
    static final int EXP_ACC = 7;
    static final int EXP_K2 = 8;
    static final int SCRATCH_3 = 9;
    private static final int SLOTS = 10;

    private final float[][] floats = new float[SLOTS][];
    private final double[][] doubles = new double[SLOTS][];
    float[] floats(int slot, int size) {
        float[] f = floats[slot];
        if (f == null || f.length < size) {
            f = new float[size];
            floats[slot] = f;
        }
        return f;
    }

    double[] doubles(int slot, int size) {
        double[] d = doubles[slot];
        if (d == null || d.length < size) {
            d = new double[size];
            doubles[slot] = d;
        }
        return d;
    }
}
