package io.densekit.kernel;

import io.densekit.tensor.DTypeException;
import io.densekit.tensor.ShapeException;
import io.densekit.tensor.Shapes;
import io.densekit.tensor.Tensor;
import java.util.Objects;

/**
 * The argument checks every kernel runs before it computes, so that all kernels reject bad input
 * with the same words. Kernel-facing: kernels call these; users see their messages.
 */
public final class KernelChecks {
    private KernelChecks() {
    }

    /** Dimensions of a GEMM: op(a) is m x k, op(b) is k x n, c is m x n. */
    public record GemmDims(int m, int n, int k) {
    }

    public static GemmDims gemm(boolean transA, boolean transB, Tensor a, Tensor b, Tensor c) {
        Objects.requireNonNull(a, "gemm: a is null");
        Objects.requireNonNull(b, "gemm: b is null");
        Objects.requireNonNull(c, "gemm: c is null");
        Shapes.requireSameDType(c, a, b);
        int m = transA ? a.cols() : a.rows();
        int k = transA ? a.rows() : a.cols();
        int kb = transB ? b.cols() : b.rows();
        int n = transB ? b.rows() : b.cols();
        if (k != kb) {
            throw new ShapeException("gemm: inner dimensions differ: op(a) is " + Shapes.matrix(m, k)
                    + (transA ? " (a transposed)" : "") + ", op(b) is " + Shapes.matrix(kb, n)
                    + (transB ? " (b transposed)" : ""));
        }
        if (c.rows() != m || c.cols() != n) {
            throw new ShapeException("gemm: c has shape " + Shapes.matrix(c.rows(), c.cols())
                    + ", expected " + Shapes.matrix(m, n));
        }
        return new GemmDims(m, n, k);
    }

    public static void rowVector(String op, Tensor vector, Tensor matrix) {
        if (vector == null) {
            throw new NullPointerException(op + ": vector is null");
        }
        Shapes.requireSameDType(matrix, vector);
        if (vector.size() != matrix.cols()) {
            throw new ShapeException(op + ": vector has " + vector.size() + " elements, expected "
                    + matrix.cols() + " (the matrix's columns)");
        }
    }

    // Fixed arities rather than varargs: these run on every kernel call, and a varargs array (or an
    // eagerly built message) is an allocation per call when the JIT does not inline the check.

    public static void sameShape(String op, Tensor first, Tensor other) {
        if (other == null) {
            throw new NullPointerException(op + ": operand is null");
        }
        Shapes.requireSameDType(first, other);
        if (other.rows() != first.rows() || other.cols() != first.cols()) {
            throw new ShapeException(op + ": operand has shape " + Shapes.matrix(other.rows(), other.cols())
                    + ", expected " + Shapes.matrix(first.rows(), first.cols()));
        }
    }

    public static void sameShape(String op, Tensor first, Tensor second, Tensor third) {
        sameShape(op, first, second);
        sameShape(op, first, third);
    }

    public static void sameShape(String op, Tensor first, Tensor second, Tensor third, Tensor fourth) {
        sameShape(op, first, second);
        sameShape(op, first, third);
        sameShape(op, first, fourth);
    }

    public static void sameSize(String op, Tensor first, Tensor other) {
        Shapes.requireSameDType(first, other);
        if (first.size() != other.size()) {
            throw new ShapeException(op + ": " + other.shapeString() + " and " + first.shapeString()
                    + " differ in size");
        }
    }

    /** Checks an SGD update: grad, and the momentum buffer that momentum needs, match param. */
    public static void sgdUpdate(Tensor param, Tensor grad, Tensor momentumBuffer, SgdParams p) {
        Objects.requireNonNull(p, "sgd parameters are null");
        sameShape("sgdUpdate", param, grad);
        if (p.hasMomentum()) {
            if (momentumBuffer == null) {
                throw new IllegalArgumentException("sgdUpdate: momentum " + p.momentum() + " needs a momentum buffer");
            }
            sameShape("sgdUpdate", param, momentumBuffer);
        }
    }

    /** Checks an Adam update: grad, m and v match param, and the step is 1-based. */
    public static void adamUpdate(Tensor param, Tensor grad, Tensor m, Tensor v, AdamParams p, long step) {
        Objects.requireNonNull(p, "adam parameters are null");
        sameShape("adamUpdate", param, grad, m, v);
        if (step < 1) {
            throw new IllegalArgumentException("adamUpdate: step is 1-based, got " + step);
        }
    }

    /**
     * Checks a row gather: rows {@code order[from..from + dst.rows())} of src exist and fit dst
     * (same dtype and width).
     */
    public static void rowGather(String op, Tensor src, int[] order, int from, Tensor dst) {
        Objects.requireNonNull(order, op + ": order is null");
        rowGather(op, src, from, dst, order.length, "an order of " + order.length);
        for (int i = from; i < from + dst.rows(); i++) {
            if (order[i] < 0 || order[i] >= src.rows()) {
                throw new IllegalArgumentException(op + ": order[" + i + "] = " + order[i] + " is not a row of "
                        + src.shapeString() + " (expected 0 to " + (src.rows() - 1) + ")");
            }
        }
    }

    /**
     * Checks a row copy: rows {@code order[from..from + dst.rows())} of src, or with a null order rows
     * {@code [from, from + dst.rows())}, exist and fit dst, which is another tensor than src.
     */
    public static void rowCopy(String op, Tensor src, int[] order, int from, Tensor dst) {
        if (src != null && src == dst) {
            throw new IllegalArgumentException(op + ": dst is src; rows are copied into another tensor");
        }
        if (order != null) {
            rowGather(op, src, order, from, dst);
            return;
        }
        Objects.requireNonNull(src, op + ": src is null");
        rowGather(op, src, from, dst, src.rows(), src.shapeString());
    }

    /** Same dtype and width, and entries {@code [from, from + dst.rows())} of something {@code length} long. */
    private static void rowGather(String op, Tensor src, int from, Tensor dst, int length, String what) {
        Objects.requireNonNull(src, op + ": src is null");
        Objects.requireNonNull(dst, op + ": dst is null");
        Shapes.requireSameDType(src, dst);
        if (dst.shape().length != 2 || dst.cols() != src.cols()) {
            throw new ShapeException(op + ": rows of " + src.shapeString() + " do not fit " + dst.shapeString()
                    + "; expected " + src.cols() + " columns");
        }
        if (from < 0 || (long) from + dst.rows() > length) {
            throw new IllegalArgumentException(op + ": entries " + from + " to " + ((long) from + dst.rows())
                    + " of " + what + " were asked for");
        }
    }

    /**
     * Checks a loss's operands and says whether the target holds class indices ({@code [n, 1]} for a
     * prediction of more than one column, with a loss that takes indices).
     */
    public static boolean lossTargets(LossKind kind, Tensor pred, Tensor target) {
        Objects.requireNonNull(kind, "loss kind is null");
        Shapes.requireSameDType(pred, target);
        if (target.rows() != pred.rows()) {
            throw new ShapeException(kind.cliName() + ": target has " + target.rows()
                    + " rows, predictions have " + pred.rows());
        }
        if (kind.acceptsClassIndices() && target.cols() == 1 && pred.cols() > 1) {
            return true;
        }
        if (target.cols() != pred.cols()) {
            throw new ShapeException(kind.cliName() + ": target has shape "
                    + Shapes.matrix(target.rows(), target.cols()) + ", expected "
                    + Shapes.matrix(pred.rows(), pred.cols())
                    + (kind.acceptsClassIndices() ? " or class indices " + Shapes.matrix(pred.rows(), 1) : ""));
        }
        return false;
    }

    /** Checks one class index read from a target tensor. */
    public static int classIndex(double value, int row, int classes) {
        if (!(value >= 0 && value < classes) || value != Math.rint(value)) {
            throw new IllegalArgumentException("class index " + value + " in row " + row
                    + " is out of range; expected a whole number in [0, " + (classes - 1) + "]");
        }
        return (int) value;
    }

    /** Thrown by host kernels given a tensor from another kernel's memory. */
    public static DTypeException foreign(String kernel, Tensor t) {
        return new DTypeException("kernel '" + kernel + "' cannot use a " + t.getClass().getSimpleName()
                + "; pass tensors made by this kernel or host tensors");
    }
}
