package io.densekit.kernel.blas;

import io.densekit.kernel.Activation;
import io.densekit.kernel.AdamParams;
import io.densekit.kernel.HostKernel;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.KernelChecks;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.SgdParams;
import io.densekit.nativelib.cblas.Cblas;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import io.densekit.tensor.Tensor;
import java.util.Objects;
import java.util.Optional;

/**
 * GEMM through a native CBLAS library (OpenBLAS, MKL, ...) on the tensors' own arrays, every other
 * operation on a host delegate: the provider picks the simd kernel where the Vector API module is
 * loaded, else the reference kernel (see {@link HostDelegate}). The two give results that differ in
 * the last bits, so {@link #details()} names the delegate in use. Tensors are {@link HostTensor}s,
 * so the kernel mixes freely with the other CPU kernels.
 */
public final class BlasKernel extends HostKernel {
    public static final String NAME = "blas";

    private final Cblas cblas;
    private final Kernel delegate;
    private final String delegateDescription;

    /** With a delegate the caller chose: any kernel whose tensors are {@link HostTensor}s. */
    public BlasKernel(Cblas cblas, Kernel delegate) {
        this(cblas, delegate, Objects.requireNonNull(delegate, "delegate").name() + " kernel");
    }

    /** {@code delegateDescription}: the delegate's name and why it was chosen, for {@link #details()}. */
    BlasKernel(Cblas cblas, Kernel delegate, String delegateDescription) {
        this.cblas = Objects.requireNonNull(cblas, "cblas");
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.delegateDescription = Objects.requireNonNull(delegateDescription, "delegateDescription");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String details() {
        StringBuilder d = new StringBuilder("gemm: ").append(cblas.location());
        cblas.threads().config().ifPresent(c -> d.append(" [").append(c).append(']'));
        cblas.threads().threads().ifPresent(t -> d.append(", ").append(t).append(" threads"));
        return d.append("; other operations: ").append(delegateDescription).toString();
    }

    /**
     * A native GEMM sums a row's products in an order that depends on the rows in the call: with
     * OpenBLAS (0.3.21 and 0.3.31 on a Zen 3, see docs/native.md) slices of a block get other last
     * bits than the block's rows, and the bits change with its thread count too.
     */
    @Override
    public Optional<String> rowSliceVariance() {
        return Optional.of("its GEMM is the native library's, whose order of summation depends on the rows of the"
                + " call (OpenBLAS: on their number, and on its thread count)");
    }

    /** The CBLAS binding, e.g. to give the library a thread count ({@code cblas().threads().setThreads(n)}). */
    public Cblas cblas() {
        return cblas;
    }

    @Override
    public void gemm(boolean transA, boolean transB, double alpha, Tensor a, Tensor b, double beta, Tensor c) {
        KernelChecks.GemmDims d = KernelChecks.gemm(transA, transB, a, b, c);
        HostTensor ha = host(a);
        HostTensor hb = host(b);
        HostTensor hc = host(c);
        // Row-major storage: each tensor's leading dimension is its column count (at least 1 for BLAS).
        int lda = Math.max(1, ha.cols());
        int ldb = Math.max(1, hb.cols());
        int ldc = Math.max(1, hc.cols());
        if (hc.dtype() == DType.F32) {
            cblas.sgemm(transA, transB, d.m(), d.n(), d.k(), (float) alpha, ha.floatArray(), ha.offset(), lda,
                    hb.floatArray(), hb.offset(), ldb, (float) beta, hc.floatArray(), hc.offset(), ldc);
        } else {
            cblas.dgemm(transA, transB, d.m(), d.n(), d.k(), alpha, ha.doubleArray(), ha.offset(), lda,
                    hb.doubleArray(), hb.offset(), ldb, beta, hc.doubleArray(), hc.offset(), ldc);
        }
    }

    @Override
    public void addRowVector(Tensor bias, Tensor z) {
        delegate().addRowVector(bias, z);
    }

    @Override
    public void columnSums(Tensor g, Tensor out) {
        delegate().columnSums(g, out);
    }

    @Override
    public void activationForward(Activation act, Tensor z, Tensor a) {
        delegate().activationForward(act, z, a);
    }

    @Override
    public void activationBackward(Activation act, Tensor a, Tensor gradA, Tensor gradZ) {
        delegate().activationBackward(act, a, gradA, gradZ);
    }

    @Override
    public double loss(LossKind kind, Tensor pred, Tensor target) {
        return delegate().loss(kind, pred, target);
    }

    @Override
    public void lossGradient(LossKind kind, Tensor pred, Tensor target, Tensor grad) {
        delegate().lossGradient(kind, pred, target, grad);
    }

    @Override
    public long countCorrect(Tensor pred, Tensor target) {
        return delegate().countCorrect(pred, target);
    }

    @Override
    public void sgdUpdate(Tensor param, Tensor grad, Tensor momentumBuffer, SgdParams p, boolean firstStep) {
        delegate().sgdUpdate(param, grad, momentumBuffer, p, firstStep);
    }

    @Override
    public void adamUpdate(Tensor param, Tensor grad, Tensor m, Tensor v, AdamParams p, long step) {
        delegate().adamUpdate(param, grad, m, v, p, step);
    }

    @Override
    public void sgdUpdateAll(int count, Tensor[] params, Tensor[] grads, Tensor[] momentumBuffers, SgdParams p,
                             boolean firstStep) {
        delegate().sgdUpdateAll(count, params, grads, momentumBuffers, p, firstStep);
    }

    @Override
    public void adamUpdateAll(int count, Tensor[] params, Tensor[] grads, Tensor[] ms, Tensor[] vs, AdamParams p,
                              long step) {
        delegate().adamUpdateAll(count, params, grads, ms, vs, p, step);
    }

    /** The host delegate, once this kernel is known to be open (so a closed kernel names itself, not its delegate). */
    private Kernel delegate() {
        requireOpen();
        return delegate;
    }

    /** Stops the delegate's threads (the first close of an owned instance). */
    @Override
    protected void release() {
        delegate.close();
    }
}
