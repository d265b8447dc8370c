package io.densekit.nativelib;

/**
 * Checks that a BLAS matrix operand lies inside its buffer before a native call, so that no call can
 * read or write outside it. A stored matrix of {@code rows x cols} with leading dimension {@code ld}
 * spans {@code (rows - 1) * ld + cols} elements in row-major order ({@code (cols - 1) * ld + rows}
 * in column-major order) from its offset.
 */
public final class MatrixExtent {
    private MatrixExtent() {
    }

    /** Throws {@link IllegalArgumentException} unless the dimension is non-negative. */
    public static void requireDimension(String call, String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(call + ": " + name + " is " + value + ", expected >= 0");
        }
    }

    /**
     * Checks one operand and returns the number of elements it spans.
     *
     * @param call     the native function, for the message
     * @param operand  "a", "b" or "c"
     * @param rows     rows of the matrix as stored (after undoing any transpose flag)
     * @param cols     columns as stored
     * @param ld       leading dimension
     * @param offset   index of element (0, 0) in the buffer, in elements
     * @param capacity buffer length in elements
     * @param rowMajor storage order
     */
    public static long require(String call, String operand, int rows, int cols, int ld, long offset, long capacity,
                               boolean rowMajor) {
        int minLd = Math.max(1, rowMajor ? cols : rows);
        if (ld < minLd) {
            throw new IllegalArgumentException(call + ": ld" + operand + " is " + ld + " but " + operand + " is stored as "
                    + rows + " x " + cols + (rowMajor ? " row-major" : " column-major") + "; expected ld" + operand
                    + " >= " + minLd);
        }
        if (offset < 0) {
            throw new IllegalArgumentException(call + ": offset of " + operand + " is " + offset + ", expected >= 0");
        }
        long span = rows == 0 || cols == 0 ? 0
                : rowMajor ? (rows - 1L) * ld + cols : (cols - 1L) * ld + rows;
        if (offset > capacity || span > capacity - offset) {
            throw new IllegalArgumentException(call + ": " + operand + " (" + rows + " x " + cols + ", ld" + operand + " "
                    + ld + ", offset " + offset + ") needs " + (offset + span) + " elements but its buffer holds "
                    + capacity);
        }
        return span;
    }

    /** True when {@code [offA, offA + spanA)} and {@code [offB, offB + spanB)} intersect and neither is empty. */
    public static boolean overlaps(long offA, long spanA, long offB, long spanB) {
        return spanA > 0 && spanB > 0 && offA < offB + spanB && offB < offA + spanA;
    }
}
