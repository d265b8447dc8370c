package io.densekit.io;

import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.ShapeException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * An n-dimensional array as a file holds it: element type, shape (any rank, row-major) and the raw
 * element bytes in the file's byte order. Readers return it so that integer labels and 3-D image
 * stacks survive loading; {@link #toTensor} turns it into a rank-1 or rank-2 {@link HostTensor}.
 *
 * <p>The canonical constructor wraps {@code data} without copying (as {@code HostTensor.wrap}
 * does); the factories and the readers hand over buffers nobody else holds, so those arrays are
 * immutable: {@link #data()} is a read-only view and {@link #shape()} a copy. Equality compares
 * element type, shape and element bytes (compared in one byte order, whatever each holds).
 *
 * @param elementType the element type
 * @param shape the dimensions, each >= 0; {@code []} for a scalar
 * @param data exactly {@code size() * elementType.byteSize()} bytes, in its own byte order
 */
public record NdArray(ElementType elementType, int[] shape, ByteBuffer data) {

    public NdArray {
        Objects.requireNonNull(elementType, "elementType");
        shape = shape.clone();
        long bytes = Math.multiplyExact(elementCount(shape), elementType.byteSize());
        if (bytes != data.remaining()) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " of " + elementType
                    + " needs " + bytes + " bytes, got " + data.remaining());
        }
        ByteOrder order = data.order();
        data = data.slice().asReadOnlyBuffer().order(order);
    }

    /** Wraps a tensor's elements (copied) as float32 or float64 in little-endian order. */
    public static NdArray of(HostTensor t) {
        int n = (int) t.size();
        ElementType type = t.dtype() == DType.F32 ? ElementType.FLOAT32 : ElementType.FLOAT64;
        ByteBuffer b = ByteBuffer.allocate(n * type.byteSize()).order(ByteOrder.LITTLE_ENDIAN);
        if (t.dtype() == DType.F32) {
            b.asFloatBuffer().put(t.floatArray(), t.offset(), n);
        } else {
            b.asDoubleBuffer().put(t.doubleArray(), t.offset(), n);
        }
        return new NdArray(type, t.shape(), b);
    }

    /** int64 values (copied) with the given shape. */
    public static NdArray ofLongs(long[] values, int... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return new NdArray(ElementType.INT64, shape, b);
    }

    /** int32 values (copied) with the given shape. */
    public static NdArray ofInts(int[] values, int... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return new NdArray(ElementType.INT32, shape, b);
    }

    /** uint8 values (copied; each byte read as 0..255) with the given shape. */
    public static NdArray ofUnsignedBytes(byte[] values, int... shape) {
        return new NdArray(ElementType.UINT8, shape, ByteBuffer.wrap(values.clone()));
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** A read-only view of the element bytes, positioned at 0, in the array's byte order. */
    @Override
    public ByteBuffer data() {
        return data.duplicate().order(data.order());
    }

    /** numpy's name of the element type: float32, float64, int32, int64, uint8, ... */
    public String dtypeName() {
        return elementType.numpyName();
    }

    public boolean isInteger() {
        return elementType.isInteger();
    }

    public int rank() {
        return shape.length;
    }

    /** Number of elements (1 for a scalar). */
    public long size() {
        return elementCount(shape);
    }

    /**
     * The elements as a tensor of {@code dtype} with the same shape; the array must have rank 1 or 2
     * (use {@link #flattenTrailing()} first for image stacks). float64 is rounded to nearest when
     * {@code dtype} is f32; integers must convert exactly, and an integer the target type cannot
     * represent exactly (beyond 2^24 for f32, 2^53 for f64) is refused with its index.
     *
     * @throws ShapeException for rank 0 or rank > 2
     * @throws IllegalArgumentException for an integer that does not convert exactly
     */
    public HostTensor toTensor(DType dtype) {
        if (shape.length < 1 || shape.length > 2) {
            throw new ShapeException("an array of shape " + Arrays.toString(shape) + " ("
                    + (shape.length == 0 ? "a 0-D scalar" : shape.length + " dimensions")
                    + ") cannot become a tensor; tensors have 1 or 2 dimensions"
                    + (shape.length > 2 ? " (flatten the trailing dimensions first)" : ""));
        }
        HostTensor t = HostTensor.zeros(dtype, shape);
        if (dtype == DType.F32) {
            fillFloats(t.floatArray());
        } else {
            fillDoubles(t.doubleArray());
        }
        return t;
    }

    private void fillFloats(float[] out) {
        ByteBuffer b = data();
        if (elementType == ElementType.FLOAT32) {
            b.asFloatBuffer().get(out);
            return;
        }
        int step = elementType.byteSize();
        for (int i = 0; i < out.length; i++) {
            if (elementType.isInteger()) {
                long v = elementType.getLong(b, i * step);
                float f = v;
                if (f == 0x1p63f || (long) f != v) {
                    throw inexact(i, v, "float32");
                }
                out[i] = f;
            } else {
                out[i] = (float) elementType.getDouble(b, i * step);
            }
        }
    }

    private void fillDoubles(double[] out) {
        ByteBuffer b = data();
        if (elementType == ElementType.FLOAT64) {
            b.asDoubleBuffer().get(out);
            return;
        }
        int step = elementType.byteSize();
        for (int i = 0; i < out.length; i++) {
            if (elementType.isInteger()) {
                long v = elementType.getLong(b, i * step);
                double d = v;
                if (d == 0x1p63 || (long) d != v) {
                    throw inexact(i, v, "float64");
                }
                out[i] = d;
            } else {
                out[i] = elementType.getDouble(b, i * step);
            }
        }
    }

    private IllegalArgumentException inexact(int i, long v, String target) {
        return new IllegalArgumentException("element " + index(i) + " of the " + elementType + " array is "
                + v + ", which " + target + " cannot represent exactly");
    }

    /**
     * The elements as integers in row-major order. Integer arrays convert exactly. Float arrays are
     * accepted only when every value is a whole number (labels saved as float are common); the first
     * value that is not (2.5, NaN, infinity, beyond the int64 range) is refused with its index.
     *
     * @throws IllegalArgumentException for a float value that is not a whole number
     */
    public long[] toLongs() {
        ByteBuffer b = data();
        int step = elementType.byteSize();
        long[] out = new long[(int) size()];
        for (int i = 0; i < out.length; i++) {
            if (elementType.isInteger()) {
                out[i] = elementType.getLong(b, i * step);
            } else {
                double v = elementType.getDouble(b, i * step);
                if (!(v == Math.rint(v) && Math.abs(v) < 0x1p63)) {
                    throw new IllegalArgumentException("element " + index(i) + " of the " + elementType
                            + " array is " + v + "; expected whole numbers (integer values)");
                }
                out[i] = (long) v;
            }
        }
        return out;
    }

    /** The same elements with another shape of equal size (the data is shared). */
    public NdArray reshape(int... newShape) {
        if (elementCount(newShape) != size()) {
            throw new ShapeException("cannot reshape " + Arrays.toString(shape) + " to "
                    + Arrays.toString(newShape));
        }
        return new NdArray(elementType, newShape, data());
    }

    /**
     * {@code [n, d1, d2, ...]} viewed as {@code [n, d1 * d2 * ...]}: an image stack {@code [n, rows,
     * cols]} becomes one row per image. A 2-D array is returned as it is.
     *
     * @throws ShapeException for rank 0 or 1
     */
    public NdArray flattenTrailing() {
        if (shape.length < 2) {
            throw new ShapeException("flattenTrailing needs at least 2 dimensions, got shape "
                    + Arrays.toString(shape));
        }
        long trailing = 1;
        for (int i = 1; i < shape.length; i++) {
            trailing *= shape[i];
        }
        if (trailing > Integer.MAX_VALUE) {
            throw new ShapeException("shape " + Arrays.toString(shape) + " flattens to more than "
                    + Integer.MAX_VALUE + " columns");
        }
        return shape.length == 2 ? this : reshape(shape[0], (int) trailing);
    }

    /** The element bytes in {@code order} (a copy when the order differs). */
    ByteBuffer dataIn(ByteOrder order) {
        ByteBuffer b = data();
        if (b.order() == order || elementType.byteSize() == 1) {
            return b.order(order);
        }
        int k = elementType.byteSize();
        byte[] out = new byte[b.remaining()];
        for (int i = 0; i < out.length; i += k) {
            for (int j = 0; j < k; j++) {
                out[i + j] = b.get(i + k - 1 - j);
            }
        }
        return ByteBuffer.wrap(out).order(order);
    }

    /** Multi-index of flat element {@code i}, e.g. {@code [2, 5]}. */
    String index(long i) {
        long[] idx = new long[shape.length];
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = shape[d] == 0 ? 0 : i % shape[d];
            i = shape[d] == 0 ? i : i / shape[d];
        }
        return Arrays.toString(idx);
    }

    static long elementCount(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new ShapeException("negative dimension in shape " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NdArray other && elementType == other.elementType
                && Arrays.equals(shape, other.shape)
                && dataIn(ByteOrder.LITTLE_ENDIAN).equals(other.dataIn(ByteOrder.LITTLE_ENDIAN));
    }

    @Override
    public int hashCode() {
        return Objects.hash(elementType, Arrays.hashCode(shape), dataIn(ByteOrder.LITTLE_ENDIAN));
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("NdArray").append(Arrays.toString(shape)).append(' ')
                .append(elementType);
        if (size() <= 16) {
            ByteBuffer b = data();
            s.append(" [");
            for (int i = 0; i < size(); i++) {
                s.append(i == 0 ? "" : ", ");
                int at = i * elementType.byteSize();
                s.append(elementType.isInteger() ? String.valueOf(elementType.getLong(b, at))
                        : String.valueOf(elementType.getDouble(b, at)));
            }
            s.append(']');
        }
        return s.toString();
    }
}
