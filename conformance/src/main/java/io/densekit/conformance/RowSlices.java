package io.densekit.conformance;

import io.densekit.kernel.Kernel;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.RandomTensors;
import io.densekit.tensor.Tensor;
import java.util.Arrays;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Where a block of rows is cut into slices for the row-slice cases, and how a slice's result is
 * compared with the same rows of the block's: bit for bit, naming the block's row, the slice and the
 * column of the first difference.
 *
 * @param rows   the block's rows
 * @param starts the first row of each slice, ascending, beginning at 0; each slice ends where the next begins
 */
public record RowSlices(int rows, int[] starts) {

    public RowSlices {
        if (rows <= 0 || starts.length == 0 || starts[0] != 0) {
            throw new IllegalArgumentException("slices of " + rows + " rows must start at row 0, got "
                    + Arrays.toString(starts));
        }
        for (int i = 1; i < starts.length; i++) {
            if (starts[i] <= starts[i - 1] || starts[i] >= rows) {
                throw new IllegalArgumentException("slice starts " + Arrays.toString(starts)
                        + " must ascend and stay below " + rows + " rows");
            }
        }
        starts = starts.clone();
    }

    /**
     * A block's awkward cuts: a single row first, then a prime count (5) from an odd start, so that
     * neither a vector nor a group of 2, 4 or 8 rows lines up with the block's; then 13 rows (prime,
     * across the 8- and 16-row boundaries of a register block), an even count, and a last short slice
     * of 4 rows (37 rows: 1, 5, 13, 14, 4). Slices of odd and of even length, so that a kernel that
     * computes differently for either is caught. Blocks too small for that keep the cuts that fit.
     */
    public static RowSlices awkward(int rows) {
        TreeSet<Integer> cuts = new TreeSet<>();
        for (int c : new int[] {0, 1, 6, 19, rows - 4}) {
            if (c >= 0 && c < rows) {
                cuts.add(c);
            }
        }
        return new RowSlices(rows, cuts.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Up to four cuts drawn in {@code (0, rows)}, besides the single first and last rows. */
    public static RowSlices drawn(int rows, RandomTensors draw) {
        TreeSet<Integer> cuts = new TreeSet<>(java.util.List.of(0));
        if (rows > 1) {
            cuts.add(1);
            cuts.add(rows - 1);
            for (int i = 0; i < 4; i++) {
                cuts.add(1 + draw.nextInt(rows - 1));
            }
        }
        return new RowSlices(rows, cuts.stream().mapToInt(Integer::intValue).toArray());
    }

    public int count() {
        return starts.length;
    }

    public int from(int slice) {
        return starts[slice];
    }

    public int to(int slice) {
        return slice + 1 < starts.length ? starts[slice + 1] : rows;
    }

    /** The rows of slice {@code s}, as a failure names them. */
    public String name(int s) {
        return "rows " + from(s) + ".." + to(s) + " of " + rows;
    }

    @Override
    public String toString() {
        return rows + " rows cut at " + Arrays.toString(Arrays.copyOfRange(starts, 1, starts.length));
    }

    /**
     * Rows {@code [from, to)} of {@code whole} as a kernel meets them in use: a kernel that reads host
     * memory gets a view into the block ({@code Sequential.predict} hands it its chunks so, at an
     * offset into the array), any other kernel a tensor of its own holding those rows.
     */
    static Tensor rowsOf(Kernel kernel, HostTensor whole, Tensor wholeInKernel, int from, int to) {
        if (kernel.readsHostMemory() && wholeInKernel instanceof HostTensor h) {
            return h.rowSlice(from, to);
        }
        return Operands.up(kernel, whole.rowSlice(from, to));
    }

    /**
     * Bit-for-bit equality of {@code part} with rows {@code [from, to)} of {@code whole}; a difference
     * is an infinite error, named by the block's row, its row within the slice and the column.
     */
    static Deviation sameRows(HostTensor whole, int from, int to, HostTensor part) {
        int cols = whole.cols();
        if (part.rows() != to - from || part.cols() != cols) {
            return new Deviation(Double.POSITIVE_INFINITY, "shape " + part.shapeString() + ", expected ["
                    + (to - from) + ", " + cols + "]");
        }
        for (int r = 0; r < part.rows(); r++) {
            for (int c = 0; c < cols; c++) {
                double e = whole.get(from + r, c);
                double a = part.get(r, c);
                if (Double.compare(e, a) != 0) {
                    return new Deviation(Double.POSITIVE_INFINITY, String.format(Locale.ROOT,
                            "row %d of the block (row %d of the slice), column %d: %.17g vs %.17g", from + r, r, c,
                            a, e));
                }
            }
        }
        return new Deviation(0, "bit for bit");
    }
}
