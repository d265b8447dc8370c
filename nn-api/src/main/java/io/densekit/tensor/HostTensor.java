package io.densekit.tensor;

import java.util.Arrays;
import java.util.Objects;

/**
 * A tensor in a Java array, row-major and contiguous: element (r, c) is at
 * {@code offset() + r * cols() + c} of {@link #floatArray()} (f32) or {@link #doubleArray()} (f64).
 * Row slices share the array, so a minibatch of a data set is a view, not a copy.
 *
 * <p>CPU kernels compute on host tensors directly; GPU kernels copy them to and from device memory.
 *
 * <h2>Writes and {@link #version()}</h2>
 * A kernel may keep something derived from a tensor's elements, e.g. the simd kernel keeps a layer
 * weight packed for its GEMM in {@link #kernelCache()}. It tags what it keeps with {@link #version()}
 * and uses it only while the version is unchanged. The version counts every way the elements can be
 * written, and is shared by all views of one array ({@link #rowSlice}, {@link #reshape}):
 * <ul>
 *   <li>{@link #set}, {@link #setFlat}, and {@link #copyInto} / {@link #copyRowInto} into this tensor;
 *   <li>{@link #floatArray()} and {@link #doubleArray()}: handing out the live array counts as a write,
 *       so every kernel operation that writes a tensor (a GEMM's output, an optimizer's update, a copy
 *       from a device) changes the version before it writes;
 *   <li>{@link #markModified()}, which whoever keeps an array and writes it later must call after
 *       writing: the array of {@link #wrap}, or one fetched with {@link #floatArray()} before a
 *       prediction and written after it.
 * </ul>
 * Code that only reads takes the array with {@link #floatArrayForReading()} or
 * {@link #doubleArrayForReading()}, which leave the version alone.
 */
public final class HostTensor implements Tensor {
    private final DType dtype;
    private final int[] shape;
    private final int rows;
    private final int cols;
    private final float[] f;
    private final double[] d;
    private final int offset;
    private final WriteCount writes;
    /** The kernel's derived copy, published whole: a reader sees a complete object or none. */
    private volatile Object kernelCache;

    private HostTensor(DType dtype, int[] shape, float[] f, double[] d, int offset) {
        this(dtype, shape, f, d, offset, new WriteCount());
    }

    private HostTensor(DType dtype, int[] shape, float[] f, double[] d, int offset, WriteCount writes) {
        this.dtype = dtype;
        this.shape = shape;
        this.rows = shape.length == 1 ? 1 : shape[0];
        this.cols = shape.length == 1 ? shape[0] : shape[1];
        this.f = f;
        this.d = d;
        this.offset = offset;
        this.writes = writes;
    }

    /** A zero-filled tensor. */
    public static HostTensor zeros(DType dtype, int... shape) {
        int[] s = Shapes.checkShape(shape);
        int n = count(s);
        return dtype == DType.F32
                ? new HostTensor(dtype, s, new float[n], null, 0)
                : new HostTensor(dtype, s, null, new double[n], 0);
    }

    /** Wraps (does not copy) {@code data} as a tensor of the given shape. */
    public static HostTensor wrap(float[] data, int... shape) {
        int[] s = Shapes.checkShape(shape);
        requireLength(data.length, s);
        return new HostTensor(DType.F32, s, data, null, 0);
    }

    /** Wraps (does not copy) {@code data} as a tensor of the given shape. */
    public static HostTensor wrap(double[] data, int... shape) {
        int[] s = Shapes.checkShape(shape);
        requireLength(data.length, s);
        return new HostTensor(DType.F64, s, null, data, 0);
    }

    /** Copies a rectangular array into a new 2-D tensor of the given dtype. */
    public static HostTensor of(DType dtype, double[][] rowsData) {
        int r = rowsData.length;
        int c = r == 0 ? 0 : rowsData[0].length;
        HostTensor t = zeros(dtype, r, c);
        for (int i = 0; i < r; i++) {
            if (rowsData[i].length != c) {
                throw new ShapeException("ragged rows: row " + i + " has " + rowsData[i].length
                        + " values, expected " + c);
            }
            for (int j = 0; j < c; j++) {
                t.set(i, j, rowsData[i][j]);
            }
        }
        return t;
    }

    /** Copies a vector into a new 1-D tensor of the given dtype. */
    public static HostTensor vector(DType dtype, double... values) {
        HostTensor t = zeros(dtype, values.length);
        for (int i = 0; i < values.length; i++) {
            t.set(0, i, values[i]);
        }
        return t;
    }

    private static int count(int[] shape) {
        int n = 1;
        for (int v : shape) {
            n *= v;
        }
        return n;
    }

    private static void requireLength(int length, int[] shape) {
        if (length != count(shape)) {
            throw new ShapeException("array of length " + length + " cannot hold shape "
                    + Shapes.toString(shape) + " (" + count(shape) + " elements)");
        }
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    /** Offset of element (0, 0) in the backing array. */
    public int offset() {
        return offset;
    }

    /**
     * The backing array of an f32 tensor (shared, not copied), to write: counts as a write (see the
     * class comment). Writing it again after a later kernel call needs {@link #markModified()}.
     */
    public float[] floatArray() {
        float[] a = floatArrayForReading();
        writes.increment();
        return a;
    }

    /** As {@link #floatArray()}, for f64. */
    public double[] doubleArray() {
        double[] a = doubleArrayForReading();
        writes.increment();
        return a;
    }

    /** The backing array of an f32 tensor, for reading only: the version stays as it is. */
    public float[] floatArrayForReading() {
        if (f == null) {
            throw new DTypeException("tensor has dtype " + dtype + ", not f32");
        }
        return f;
    }

    /** The backing array of an f64 tensor, for reading only: the version stays as it is. */
    public double[] doubleArrayForReading() {
        if (d == null) {
            throw new DTypeException("tensor has dtype " + dtype + ", not f64");
        }
        return d;
    }

    /**
     * Changes whenever the elements may have been written (see the class comment); shared with every
     * view of the same array. Equal versions mean unchanged elements.
     */
    public long version() {
        return writes.get();
    }

    /** Records a write made through an array kept from {@link #wrap} or {@link #floatArray()}. */
    public void markModified() {
        writes.increment();
    }

    /**
     * What a kernel derived from this tensor's elements (e.g. a packed weight), or null. The kernel
     * checks {@link #version()} before using it. It belongs to this tensor object, not to its views,
     * and is collected with it.
     */
    public Object kernelCache() {
        return kernelCache;
    }

    /** Replaces what {@link #kernelCache()} holds; a complete object, published at once. */
    public void setKernelCache(Object value) {
        kernelCache = value;
    }

    public double get(int r, int c) {
        int i = index(r, c);
        return f != null ? f[i] : d[i];
    }

    /** Element {@code i} in row-major order. */
    public double getFlat(int i) {
        Objects.checkIndex(i, (int) size());
        return f != null ? f[offset + i] : d[offset + i];
    }

    public void set(int r, int c, double value) {
        int i = index(r, c);
        writes.increment();
        if (f != null) {
            f[i] = (float) value;
        } else {
            d[i] = value;
        }
    }

    public void setFlat(int i, double value) {
        Objects.checkIndex(i, (int) size());
        writes.increment();
        if (f != null) {
            f[offset + i] = (float) value;
        } else {
            d[offset + i] = value;
        }
    }

    private int index(int r, int c) {
        Objects.checkIndex(r, rows);
        Objects.checkIndex(c, cols);
        return offset + r * cols + c;
    }

    /** Rows {@code [from, to)} as a view sharing this tensor's array. */
    public HostTensor rowSlice(int from, int to) {
        Objects.checkFromToIndex(from, to, rows);
        if (shape.length == 1) {
            throw new ShapeException("rowSlice needs a 2-D tensor, got shape " + shapeString());
        }
        return new HostTensor(dtype, new int[] {to - from, cols}, f, d, offset + from * cols, writes);
    }

    /** The same elements viewed with another shape of equal size. */
    public HostTensor reshape(int... newShape) {
        int[] s = Shapes.checkShape(newShape);
        if (count(s) != size()) {
            throw new ShapeException("cannot reshape " + shapeString() + " to " + Shapes.toString(s));
        }
        return new HostTensor(dtype, s, f, d, offset, writes);
    }

    /** A contiguous copy in the given dtype (rounded to nearest when narrowing to f32). */
    public HostTensor to(DType target) {
        HostTensor out = zeros(target, shape);
        copyInto(out);
        return out;
    }

    /** A contiguous copy. */
    public HostTensor copy() {
        return to(dtype);
    }

    /** Copies this tensor's elements into {@code dst}, which must have the same number of elements. */
    public void copyInto(HostTensor dst) {
        if (dst.size() != size()) {
            throw new ShapeException("cannot copy " + shapeString() + " into " + dst.shapeString());
        }
        int n = (int) size();
        dst.writes.increment();
        if (f != null && dst.f != null) {
            System.arraycopy(f, offset, dst.f, dst.offset, n);
        } else if (d != null && dst.d != null) {
            System.arraycopy(d, offset, dst.d, dst.offset, n);
        } else if (f != null) {
            for (int i = 0; i < n; i++) {
                dst.d[dst.offset + i] = f[offset + i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                dst.f[dst.offset + i] = (float) d[offset + i];
            }
        }
    }

    /** Copies row {@code row} of this tensor into row {@code dstRow} of {@code dst} (same width and dtype). */
    public void copyRowInto(int row, HostTensor dst, int dstRow) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(dstRow, dst.rows);
        if (dst.cols != cols || dst.dtype != dtype) {
            throw new ShapeException("cannot copy a row of " + shapeString() + " " + dtype + " into "
                    + dst.shapeString() + " " + dst.dtype);
        }
        dst.writes.increment();
        if (f != null) {
            System.arraycopy(f, offset + row * cols, dst.f, dst.offset + dstRow * cols, cols);
        } else {
            System.arraycopy(d, offset + row * cols, dst.d, dst.offset + dstRow * cols, cols);
        }
    }

    /** All elements in row-major order, widened to double. */
    public double[] toDoubleArray() {
        double[] out = new double[(int) size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = f != null ? f[offset + i] : d[offset + i];
        }
        return out;
    }

    /** A copy as {@code double[rows][cols]}. */
    public double[][] toDoubleMatrix() {
        double[][] out = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r][c] = get(r, c);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "HostTensor" + shapeString() + " " + dtype
                + (size() <= 16 ? " " + Arrays.toString(toDoubleArray()) : "");
    }
}
