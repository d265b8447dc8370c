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
    /** A transposed B's staging tile while it is packed (see F32Gemm#packB). */
    static final int STAGE_B = 10;
    private static final int SLOTS = 11;

    private final float[][] floats = new float[SLOTS][];
    private final double[][] doubles = new double[SLOTS][];
    private int[] strides;

    /**
     * {@code 0, stride, 2 stride, ...} for {@code lanes} lanes: a gather's index map, refilled in place
     * when the stride changes, so that steady-state training allocates nothing here either.
     */
    int[] strides(int stride, int lanes) {
        if (strides == null || strides.length != lanes) {
            strides = new int[lanes];
            fill(strides, stride);
        } else if (lanes > 1 && strides[1] != stride) {
            fill(strides, stride);
        }
        return strides;
    }

    /** A new index map of {@code stride} for {@code lanes} lanes, for a caller without a workspace. */
    static int[] newStrides(int stride, int lanes) {
        int[] map = new int[lanes];
        fill(map, stride);
        return map;
    }

    private static void fill(int[] map, int stride) {
        for (int i = 0; i < map.length; i++) {
            map[i] = i * stride;
        }
    }

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
