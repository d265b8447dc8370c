package io.densekit.tensor;

import java.util.Arrays;

/** Shape helpers and the checks that give shape errors one wording across the library. */
public final class Shapes {
    private Shapes() {
    }

    public static String toString(int[] shape) {
        return Arrays.toString(shape);
    }

    public static String matrix(int rows, int cols) {
        return "[" + rows + ", " + cols + "]";
    }

    /** Throws unless {@code t} is {@code rows x cols}; {@code what} names the operand in the message. */
    public static void requireMatrix(String what, Tensor t, int rows, int cols) {
        if (t.rows() != rows || t.cols() != cols) {
            throw new ShapeException(what + " has shape " + matrix(t.rows(), t.cols())
                    + ", expected " + matrix(rows, cols));
        }
    }

    public static void requireSameShape(String what, Tensor t, Tensor like) {
        requireMatrix(what, t, like.rows(), like.cols());
    }

    public static void requireDType(String what, Tensor t, DType dtype) {
        if (t.dtype() != dtype) {
            throw new DTypeException(what + " has dtype " + t.dtype() + ", expected " + dtype);
        }
    }

    /** Two operands (the hot path: no varargs array). */
    public static void requireSameDType(Tensor first, Tensor other) {
        if (other != null && other.dtype() != first.dtype()) {
            throw mixed(first, other);
        }
    }

    /** Three operands (the hot path: no varargs array). */
    public static void requireSameDType(Tensor first, Tensor second, Tensor third) {
        requireSameDType(first, second);
        requireSameDType(first, third);
    }

    private static DTypeException mixed(Tensor first, Tensor other) {
        return new DTypeException("mixed dtypes: " + first.dtype() + " and " + other.dtype()
                + "; every operand of one operation must have the same dtype");
    }

    public static void requireSameDType(Tensor first, Tensor... others) {
        for (Tensor o : others) {
            if (o != null && o.dtype() != first.dtype()) {
                throw new DTypeException("mixed dtypes: " + first.dtype() + " and " + o.dtype()
                        + "; every operand of one operation must have the same dtype");
            }
        }
    }

    /** Validates a shape for a new tensor: rank 1 or 2, no negative dimension, size fits an array. */
    public static int[] checkShape(int... shape) {
        if (shape.length < 1 || shape.length > 2) {
            throw new ShapeException("tensors have 1 or 2 dimensions, got shape " + toString(shape));
        }
        long size = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new ShapeException("negative dimension in shape " + toString(shape));
            }
            size *= d;
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new ShapeException("shape " + toString(shape) + " has " + size
                    + " elements, more than one Java array holds");
        }
        return shape.clone();
    }
}
