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
 * @param registerBlock   products of 8 rows or more run in the 8 x 2-vector register block (packed A);
 *                        false: every product runs in row groups (A read in place)
 * @param rowGroup        the most rows a row group computes at once: 1, 2 or 4
 * @param mc              rows of a packed A block (the register block's L2 block), a multiple of 8
 * @param nc              columns of a packed B panel, a multiple of 64 (whole slivers at every width)
 * @param rowPanel        columns the row groups pass over at a time, a multiple of 64
 * @param parallelMinFmas products of fewer multiply-adds stay on the calling thread
 * @param gemmBits        the vector width of GEMM and the dense layer's GEMM, or 0 for the kernel's
 *                        width; the other operations always run at the kernel's width, since their
 *                        reductions (softmax, losses) change bits with the width. Free for the bits,
 *                        but not searched: a process that runs two widths makes the JIT's profile
 *                        of the shared GEMM code see two species, and the vectors get boxed (see
 *                        {@link PlanSearch#candidates()})
 */
public record GemmPlan(boolean registerBlock, int rowGroup, int mc, int nc, int rowPanel, long parallelMinFmas,
                       int gemmBits) {
    /** The register block's rows: mc is cut into slivers of this many. */
    static final int BLOCK_ROWS = 8;
    /** nc and rowPanel are whole slivers at every width and dtype (NR is at most 32). */
    static final int COLUMN_UNIT = 64;

    public GemmPlan {
        require(rowGroup == 1 || rowGroup == 2 || rowGroup == 4, "rowGroup", rowGroup, "1, 2 or 4");
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
     * The built-in plan: row groups for every product, the blocking of {@link F32Gemm}, and
     * {@link GemmSplit#PARALLEL_MIN_FMAS}. Without 512-bit vectors an x86 CPU has 16 vector registers,
     * and the register block (19) spills: there row groups ran a 64 x 784 x 128 product about 1.5x as
     * fast (Zen 3). With AVX-512's 32 registers it fits, but packing A costs more than it saves on
     * the products of an MLP: on a Zen 4, one thread, row groups ran 333 x 32 x 32 (X W^T) 1.9x as
     * fast, 512 x 128 x 784 1.1x, 1024^3 at the same speed, and the seed MLP's training step 1.2x.
     * Products with a transposed A (a layer's weight gradient) ran faster in the register block
     * while row groups copied A^T first; reading it in place, row groups ran 128 x 784 x 512 at the
     * same speed and 32 x 32 x 333 1.6x as fast. A tuned plan may still choose the register block.
     */
    public static GemmPlan defaults() {
        return defaults(false);
    }

    /** The built-in plan with the register block on or off. */
    static GemmPlan defaults(boolean registerBlock) {
        return new GemmPlan(registerBlock, F32Gemm.ROW_GROUP, F32Gemm.MC, F32Gemm.NC, F32Gemm.ROW_PANEL,
                GemmSplit.PARALLEL_MIN_FMAS, 0);
    }

    /** The width GEMM runs at in a kernel of {@code kernelBits}. */
    int gemmBits(int kernelBits) {
        return gemmBits == 0 ? kernelBits : gemmBits;
    }

    /** One line for {@code densekit kernels}: what each knob is set to. */
    public String describe() {
        return (registerBlock ? "register block 8x2 vectors" : "row groups only") + ", row groups of " + rowGroup
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
