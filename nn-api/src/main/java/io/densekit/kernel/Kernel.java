package io.densekit.kernel;

import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;
import java.util.Optional;
import java.util.Set;

/**
 * The arithmetic a dense network needs, in coarse operations a kernel can implement in its own
 * memory (a GPU's) and fuse where it pays. Layers, losses and optimizers call only this interface.
 *
 * <p>A kernel is math and memory: allocation and copies, linear algebra, activations, losses and
 * optimizer updates. How training feeds and runs it is asked once, through {@link #training()}, so
 * the trainer has one path for every kernel and a new host kernel implements math and memory only.
 *
 * <p>Tensors passed to a kernel must have been made by it ({@link #allocate}, {@link #upload});
 * kernels that {@linkplain #readsHostMemory read host memory} also accept any {@link HostTensor}.
 * All operands of one call share a dtype. Every matrix is row-major. Unless a method says
 * otherwise, an output may not alias an input.
 *
 * <p>Shapes and dtypes are checked on every call (see {@link KernelChecks}); a mismatch throws
 * {@link io.densekit.tensor.ShapeException} or {@link io.densekit.tensor.DTypeException} naming the
 * operand, never an index error.
 */
public interface Kernel extends AutoCloseable {

    /** Short unique name: "reference", "simd", "blas", "cuda". */
    String name();

    /** Where the arithmetic runs, e.g. "cpu" or "cuda:0 NVIDIA H100". */
    String device();

    /** The dtypes this kernel computes in. */
    Set<DType> dtypes();

    /** Extra facts for {@code densekit kernels}, e.g. the vector width or "tf32 off"; may be empty. */
    default String details() {
        return "";
    }

    /**
     * Why a row's result may depend on the other rows of its call (how many, where the slice starts),
     * or empty: by default a kernel gives every row the same bits alone or in any block, which batch
     * inference in blocks (the spark module) relies on and the conformance kit's row-slice cases hold
     * it to. A kernel whose arithmetic picks its code by the number of rows says why here instead.
     */
    default Optional<String> rowSliceVariance() {
        return Optional.empty();
    }

    // ---- memory --------------------------------------------------------------------------------

    /** A zero-filled tensor in this kernel's memory. */
    Tensor allocate(DType dtype, int... shape);

    /** Copies {@code src} into {@code dst}; same element count and dtype. */
    void copyFromHost(HostTensor src, Tensor dst);

    /** Copies {@code src} into {@code dst}; same element count and dtype. */
    void copyToHost(Tensor src, HostTensor dst);

    /**
     * Whether this kernel's operations take {@link HostTensor}s as operands directly: its memory is
     * the Java heap, so a host array needs no copy before an operation reads it. False by default
     * (a kernel with memory of its own); {@link HostKernel} says true.
     */
    default boolean readsHostMemory() {
        return false;
    }

    /**
     * Copies rows {@code order[from]}, {@code order[from + 1]}, ... of {@code src} into the rows of
     * {@code dst}, as many as dst has (a shuffled minibatch). This default gathers on the host and
     * copies once more; kernels with memory of their own override it to gather straight into their
     * staging buffers, host kernels to gather straight into dst.
     */
    default void copyRowsFromHost(HostTensor src, int[] order, int from, Tensor dst) {
        KernelChecks.rowGather("copyRowsFromHost", src, order, from, dst);
        HostTensor rows = HostTensor.zeros(src.dtype(), dst.rows(), src.cols());
        for (int i = 0; i < dst.rows(); i++) {
            src.copyRowInto(order[from + i], rows, i);
        }
        copyFromHost(rows, dst);
    }

    /**
     * Copies rows of {@code src}, a tensor in this kernel's memory, into the rows of {@code dst}, as
     * many as dst has: rows {@code order[from]}, {@code order[from + 1]}, ... or, with a null
     * {@code order}, rows {@code from}, {@code from + 1}, ... (minibatches or evaluation chunks cut
     * from data kept in kernel memory). This default is correct on any kernel but goes through the
     * host (it downloads src); a kernel that keeps data in its memory for training ({@link #training()})
     * overrides it with a copy in its own memory.
     */
    default void copyRows(Tensor src, int[] order, int from, Tensor dst) {
        KernelChecks.rowCopy("copyRows", src, order, from, dst);
        HostTensor all = download(src);
        if (order != null) {
            copyRowsFromHost(all, order, from, dst);
        } else {
            copyFromHost(all.rowSlice(from, from + dst.rows()), dst);
        }
    }

    /** A new kernel tensor holding a copy of {@code src}. */
    default Tensor upload(HostTensor src) {
        Tensor t = allocate(src.dtype(), src.shape());
        copyFromHost(src, t);
        return t;
    }

    /** A new host tensor holding a copy of {@code src}. */
    default HostTensor download(Tensor src) {
        HostTensor h = HostTensor.zeros(src.dtype(), src.shape());
        copyToHost(src, h);
        return h;
    }

    // ---- linear algebra -------------------------------------------------------------------------

    /**
     * {@code c = alpha * op(a) * op(b) + beta * c}, where op(x) is x or its transpose. With
     * {@code beta == 0} the old contents of c are ignored (NaNs in c do not propagate), as in BLAS.
     */
    void gemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c);

    /** {@code z[r, :] += bias} for every row r; bias has {@code z.cols()} elements. */
    void addRowVector(Tensor bias, Tensor z);

    /** {@code out[c] = sum over r of g[r, c]}; out has {@code g.cols()} elements. */
    void columnSums(Tensor g, Tensor out);

    // ---- activations ----------------------------------------------------------------------------

    /** {@code a = act(z)}; {@code a} may be {@code z} (in place). Softmax kinds work per row. */
    void activationForward(Activation act, Tensor z, Tensor a);

    /**
     * Gradient through the activation: given its output {@code a} and the gradient {@code gradA} with
     * respect to it, writes the gradient with respect to its input into {@code gradZ}, which may be
     * {@code gradA} (in place).
     */
    void activationBackward(Activation act, Tensor a, Tensor gradA, Tensor gradZ);

    /**
     * The dense forward pass {@code a = act(x * w^T + b)} with x {@code [n, in]}, w {@code [out, in]}
     * (PyTorch's layout), b {@code [out]} or null. Kernels override this to fuse the epilogue.
     */
    default void denseForward(Tensor x, Tensor w, Tensor b, Activation act, Tensor a) {
        gemm(false, true, 1.0, x, w, 0.0, a);
        if (b != null) {
            addRowVector(b, a);
        }
        if (act != Activation.IDENTITY) {
            activationForward(act, a, a);
        }
    }

    /**
     * The dense backward pass. On entry {@code gradA} holds dL/da; it is overwritten with dL/dz.
     * Writes {@code gradW = dz^T x}, {@code gradB = column sums of dz} (when not null) and
     * {@code gradX = dz w} (when not null: the first layer needs no input gradient).
     */
    default void denseBackward(Tensor x, Tensor w, Tensor a, Activation act, Tensor gradA,
                               Tensor gradW, Tensor gradB, Tensor gradX) {
        if (act != Activation.IDENTITY) {
            activationBackward(act, a, gradA, gradA);
        }
        gemm(true, false, 1.0, gradA, x, 0.0, gradW);
        if (gradB != null) {
            columnSums(gradA, gradB);
        }
        if (gradX != null) {
            gemm(false, false, 1.0, gradA, w, 0.0, gradX);
        }
    }

    // ---- losses ---------------------------------------------------------------------------------

    /** The mean-reduced loss; see {@link LossKind} for the target forms. */
    double loss(LossKind kind, Tensor pred, Tensor target);

    /** {@code grad = d(loss)/d(pred)} of the mean-reduced loss. */
    void lossGradient(LossKind kind, Tensor pred, Tensor target, Tensor grad);

    /**
     * Rows whose largest prediction sits at the target class: the class index for {@code [n, 1]}
     * targets, the arg-max of the target row otherwise (first maximum wins on ties).
     */
    long countCorrect(Tensor pred, Tensor target);

    // ---- optimizers -----------------------------------------------------------------------------

    /**
     * One SGD update of {@code param} in place, as {@code torch.optim.SGD}. {@code momentumBuffer} is
     * null when momentum is 0; on the first step ({@code firstStep}) it is set to the gradient.
     */
    void sgdUpdate(Tensor param, Tensor grad, Tensor momentumBuffer, SgdParams p, boolean firstStep);

    /** One Adam update at step {@code step} (1-based) of {@code param}, {@code m} and {@code v} in place. */
    void adamUpdate(Tensor param, Tensor grad, Tensor m, Tensor v, AdamParams p, long step);

    /**
     * {@link #sgdUpdate} of {@code count} parameters with the same settings, as one coarse operation
     * (a fused multi-tensor update, as torch's {@code foreach}/{@code fused} optimizers): a device
     * kernel makes it one launch, a host kernel may split the elements over its threads. Each
     * parameter's result is exactly its own {@link #sgdUpdate}. {@code momentumBuffers} is null when
     * momentum is 0. The arrays may be longer than {@code count} (reused buffers); their first
     * {@code count} entries are used.
     */
    default void sgdUpdateAll(int count, Tensor[] params, Tensor[] grads, Tensor[] momentumBuffers, SgdParams p,
                              boolean firstStep) {
        for (int i = 0; i < count; i++) {
            sgdUpdate(params[i], grads[i], momentumBuffers == null ? null : momentumBuffers[i], p, firstStep);
        }
    }

    /** {@link #adamUpdate} of {@code count} parameters at the same step, as {@link #sgdUpdateAll}. */
    default void adamUpdateAll(int count, Tensor[] params, Tensor[] grads, Tensor[] ms, Tensor[] vs, AdamParams p,
                               long step) {
        for (int i = 0; i < count; i++) {
            adamUpdate(params[i], grads[i], ms[i], vs[i], p, step);
        }
    }

    /**
     * Waits until queued work is done: after it, every operation called before has taken effect in
     * this kernel's memory (a memory-ordering fact, for timing and for code that reads memory by
     * other means). A no-op on synchronous kernels.
     */
    default void synchronize() {
    }

    // ---- training -------------------------------------------------------------------------------

    /**
     * How a fit's data reaches this kernel, how its steps run and how their losses are read: the
     * one place a kernel states policy rather than math or memory. The default ({@link EagerTraining})
     * suits every host kernel: batches are views of the data set or rows gathered into reused
     * buffers, each step runs as it comes and its loss is computed at once. A kernel with memory of
     * its own overrides it (the cuda kernel keeps data sets resident, queues losses and may record
     * steps as CUDA graphs).
     */
    default TrainingSupport training() {
        return new EagerTraining(this);
    }

    /**
     * Releases the kernel's resources (thread pools, device memory) if the caller owns this instance
     * ({@link Kernels#open}); the shared instance of {@link Kernels#best()} and {@link Kernels#byName}
     * ignores it. densekit's kernels get this rule from {@link AbstractKernel}.
     */
    @Override
    default void close() {
    }
}
