package io.densekit.tensor;

/**
 * A dense row-major tensor of rank 1 or 2 owned by a kernel. Host kernels use {@link HostTensor}
 * directly; a GPU kernel returns tensors that live in device memory and can be read only through
 * {@code Kernel.copyToHost}.
 *
 * <p>Every kernel operation sees a tensor as a matrix {@code rows() x cols()}; a rank-1 tensor of
 * length n is the row vector {@code 1 x n}.
 */
public interface Tensor extends AutoCloseable {

    DType dtype();

    /** The shape as created: one or two dimensions. */
    int[] shape();

    int rows();

    int cols();

    default long size() {
        return (long) rows() * cols();
    }

    /** Shape as text, e.g. {@code [333, 32]}. */
    default String shapeString() {
        return Shapes.toString(shape());
    }

    /** Releases memory the tensor holds outside the Java heap; a no-op for host tensors. */
    @Override
    default void close() {
    }
}
