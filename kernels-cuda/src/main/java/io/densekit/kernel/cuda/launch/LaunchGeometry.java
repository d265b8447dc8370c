package io.densekit.kernel.cuda.launch;

/**
 * Grid and block sizes for each kind of kernel, following kernels-cuda/src/main/cuda/README.md. Pure
 * arithmetic, tested without a GPU.
 */
public final class LaunchGeometry {
    /** Threads per block of element-wise kernels. */
    public static final int ELEMENT_BLOCK = 256;
    /** Enough blocks to fill any current GPU; the grid-stride loop covers the rest. */
    public static final int MAX_ELEMENT_GRID = 65535 * 4;
    public static final int MAX_ROW_GRID = 65535;
    public static final int MAX_ROW_BLOCK = 256;
    public static final int MIN_ROW_BLOCK = 32;
    public static final int COLUMN_BLOCK_X = 32;
    public static final int COLUMN_BLOCK_Y = 8;

    private LaunchGeometry() {
    }

    /** n >= 1 elements, one thread each, up to {@link #MAX_ELEMENT_GRID} blocks. */
    public static Grid elementwise(long n) {
        requirePositive("elements", n);
        long blocks = (n + ELEMENT_BLOCK - 1) / ELEMENT_BLOCK;
        return new Grid((int) Math.min(blocks, MAX_ELEMENT_GRID), ELEMENT_BLOCK, 1);
    }

    /**
     * One block per row; the block is the power of two at or above the row width, between 32 and
     * 256 threads, so narrow rows (10 classes) do not leave most threads of a block idle.
     */
    public static Grid rows(int rows, int cols) {
        requirePositive("rows", rows);
        requirePositive("cols", cols);
        int block = Math.clamp(Integer.highestOneBit(Math.max(1, cols - 1)) << 1, MIN_ROW_BLOCK, MAX_ROW_BLOCK);
        return new Grid(Math.min(rows, MAX_ROW_GRID), block, 1);
    }

    /** Column sums: (32, 8) blocks, one block per 32 columns. */
    public static Grid columns(int cols) {
        requirePositive("cols", cols);
        return new Grid((cols + COLUMN_BLOCK_X - 1) / COLUMN_BLOCK_X, COLUMN_BLOCK_X, COLUMN_BLOCK_Y);
    }

    /** Most tensors one multi-tensor launch takes (the grid's y dimension). */
    public static final int MAX_MULTI_TENSORS = 65535;

    /**
     * The multi-tensor updates: one row of blocks per tensor (y), each an element-wise grid over the
     * largest tensor's elements (x); smaller tensors leave their surplus blocks idle.
     */
    public static Grid multiTensor(long maxElements, int tensors) {
        requirePositive("elements", maxElements);
        requirePositive("tensors", tensors);
        if (tensors > MAX_MULTI_TENSORS) {
            throw new IllegalArgumentException(tensors + " tensors in one launch; at most " + MAX_MULTI_TENSORS);
        }
        return new Grid(elementwise(maxElements).gridX(), tensors, ELEMENT_BLOCK, 1);
    }

    /** dk_sum_div: one block of 256 threads. */
    public static Grid singleBlock() {
        return new Grid(1, 256, 1);
    }

    private static void requirePositive(String what, long v) {
        if (v < 1) {
            throw new IllegalArgumentException("launch over " + v + " " + what + "; callers skip empty work");
        }
    }
}
