package io.densekit.kernel.simd;

/**
 * How the SIMD kernel's GEMM is laid out on this machine: the knobs that change speed but never a
 * result bit, chosen per machine by {@link PlanSearch} and kept by {@link PlanCache}.
 *
 * <p>What sets the rounding is not here and never varies: each element of C is one FMA chain per
 * k-block of {@code kBlock(k)} (a function of k alone), merged into C in k-block order. Which tile,
 * row group, lane, vector width or thread computes an element only moves the work around, so every
 * plan gives the same bits (tested by {@code GemmPlanBitEqualityTest}).
 *
 * @param blockFrom       products whose m, n and k are all at least this run in the 8 x 2-vector register
 *                        block (A packed); the others run in row groups (A read in place). 8: every
 *                        product of 8 rows or more; {@link #ROW_GROUPS_ONLY}: none
 * @param rowGroup        the most rows a row group computes at once: 1, 2, 4 or 8 (8 with 512-bit
 *                        vectors only, 4 below)
 * @param mc              rows of a packed A block (the register block's L2 block), a multiple of 8
 * @param nc              float32 columns of a packed B panel, a multiple of 64 (whole slivers at every width);
 *                        a float64 panel has half as many, the same bytes
 * @param rowPanel        columns the row groups pass over at a time, a multiple of 64
 * @param parallelMinFmas products of fewer multiply-adds stay on the calling thread
 * @param gemmBits        the vector width of GEMM and the dense layer's GEMM, or 0 for the kernel's
 *                        width; the other operations always run at the kernel's width, since their
 *                        reductions (softmax, losses) change bits with the width. Free for the bits,
 *                        but not searched: a process that runs two widths makes the JIT's profile
 *                        of the shared GEMM code see two species, and the vectors get boxed (see
 *                        {@link PlanSearch#candidates()})
 */
public record GemmPlan(int blockFrom, int rowGroup, int mc, int nc, int rowPanel, long parallelMinFmas,
                       int gemmBits) {
    /** The register block's rows: mc is cut into slivers of this many. */
    static final int BLOCK_ROWS = 8;
    /** nc and rowPanel are whole slivers at every width and dtype (NR is at most 32). */
    static final int COLUMN_UNIT = 64;
    /** {@code blockFrom} for a plan that runs every product in row groups. */
    public static final int ROW_GROUPS_ONLY = Integer.MAX_VALUE;
    /**
     * The built-in {@code blockFrom}. Row groups read each B value from L2 once per group of 4 rows,
     * the register block from L1 once per 8 rows after packing A, so the register block wins where
     * L2 cannot feed the FMAs: on a core with two full 512-bit FMA units (an Intel Xeon with AMX, 2
     * threads) it ran 256 x 1024 x 1024 1.15x and 2048^3 1.46x as fast, but lost on products with a
     * side of 64 or less (128 x 64 x 512 ^T: 0.78x; 333 x 32 x 32: 0.63x), where packing A is not
     * paid back. On a Zen 4, whose 512-bit FMAs run as two halves, row groups kept up: 1024^3 ran at
     * the same speed and 512 x 128 x 784 1.1x as fast in row groups. From 256 on every side keeps
     * the MLP layers of a few hundred rows in row groups and gives large products the block; a tuned
     * plan may move it (128 ran the 784-128 layers at batch 512 1.2x as fast on that Xeon).
     */
    static final int BLOCK_FROM = 256;

    public GemmPlan {
        require(blockFrom >= BLOCK_ROWS, "blockFrom", blockFrom, "at least 8 (" + ROW_GROUPS_ONLY
                + ": row groups only)");
        require(rowGroup == 1 || rowGroup == 2 || rowGroup == 4 || rowGroup == 8, "rowGroup", rowGroup,
                "1, 2, 4 or 8");
        require(mc >= BLOCK_ROWS && mc <= 4096 && mc % BLOCK_ROWS == 0, "mc", mc, "a multiple of 8 in [8, 4096]");
        require(nc >= COLUMN_UNIT && nc <= 1 << 16 && nc % COLUMN_UNIT == 0, "nc", nc,
                "a multiple of 64 in [64, 65536]");
        require(rowPanel >= COLUMN_UNIT && rowPanel <= 1 << 16 && rowPanel % COLUMN_UNIT == 0, "rowPanel", rowPanel,
                "a multiple of 64 in [64, 65536]");
        require(parallelMinFmas >= 0, "parallelMinFmas", parallelMinFmas, ">= 0");
        require(gemmBits == 0 || gemmBits == 128 || gemmBits == 256 || gemmBits == 512, "gemmBits", gemmBits,
                "0, 128, 256 or 512");
    }

    /**
     * The built-in plan: the register block from {@link #BLOCK_FROM} where it fits the registers (see
     * {@link #hasThirtyTwoVectorRegisters()}; row groups only elsewhere), the blocking of {@link F32Gemm},
     * and {@link GemmSplit#PARALLEL_MIN_FMAS}. Small products stay in row groups everywhere: packing
     * A costs more than it saves on the products of an MLP (on a Zen 4, one thread, row groups ran
     * 333 x 32 x 32 (X W^T) 1.9x as fast and the seed MLP's training step 1.2x), and without 512-bit
     * vectors an x86 CPU has 16 vector registers, where the register block (19) spills (row groups
     * ran 64 x 784 x 128 about 1.5x as fast on a Zen 3). Reading a transposed A in place, row groups
     * ran 32 x 32 x 333 1.6x as fast as the block.
     */
    public static GemmPlan defaults() {
        return withBlockFrom(hasThirtyTwoVectorRegisters() ? BLOCK_FROM : ROW_GROUPS_ONLY);
    }

    /**
     * Whether the JIT has 32 vector registers (AVX-512, whose 512-bit vectors are then the preferred
     * species), so that the register block's 19 fit. With AVX2's 16 it spills: a Xeon held to AVX2
     * ({@code -XX:UseAVX=2}, 256-bit, one thread) ran 1024^3 0.76x and 256 x 1024 x 1024 0.77x as fast
     * in the register block as in row groups, so there the built-in plan keeps every product in row
     * groups. False where the Vector API is absent (the kernel then reports itself unavailable).
     */
    static boolean hasThirtyTwoVectorRegisters() {
        try {
            return jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512;
        } catch (LinkageError noVectorModule) {
            return false;
        }
    }

    /** The built-in plan with the register block from {@code blockFrom}. */
    static GemmPlan withBlockFrom(int blockFrom) {
        return new GemmPlan(blockFrom, F32Gemm.ROW_GROUP, F32Gemm.MC, F32Gemm.NC, F32Gemm.ROW_PANEL,
                GemmSplit.PARALLEL_MIN_FMAS, 0);
    }

    /** Whether an {@code m x k} by {@code k x n} product runs in the register block. */
    boolean registerBlock(int m, int n, int k) {
        return m >= blockFrom && n >= blockFrom && k >= blockFrom;
    }

    /** The width GEMM runs at in a kernel of {@code kernelBits}. */
    int gemmBits(int kernelBits) {
        return gemmBits == 0 ? kernelBits : gemmBits;
    }

    /** One line for {@code densekit kernels}: what each knob is set to. */
    public String describe() {
        return (blockFrom == ROW_GROUPS_ONLY ? "row groups only"
                : "register block 8x2 vectors from " + blockFrom + " in m, n and k") + ", row groups of " + rowGroup
                + ", MC " + mc + ", NC " + nc + ", row panel " + rowPanel + ", parallel from 2^"
                + log2(parallelMinFmas) + " FMAs" + (gemmBits == 0 ? "" : ", GEMM at " + gemmBits + " bits");
    }

    private static String log2(long v) {
        if (v > 0 && Long.bitCount(v) == 1) {
            return Integer.toString(Long.numberOfTrailingZeros(v));
        }
        return String.format(java.util.Locale.ROOT, "%.1f", Math.log(Math.max(v, 1)) / Math.log(2));
    }

    private static void require(boolean ok, String name, long value, String expected) {
        if (!ok) {
            throw new IllegalArgumentException("GEMM plan: " + name + " must be " + expected + ", got " + value);
        }
    }
}
