package io.densekit.kernel.simd;

import io.densekit.kernel.Activation;
import io.densekit.kernel.AdamParams;
import io.densekit.kernel.LossKind;
import io.densekit.kernel.SgdParams;
import io.densekit.tensor.HostTensor;

/**
 * The SIMD kernel's operations for one dtype, on checked host tensors. {@link SimdKernel} checks the
 * arguments and picks the float32 or float64 implementation; these only compute.
 */
interface TypedOps {
    /** The vector width in bits. */
    int bits();

    /** C = act(alpha op(A) op(B) + beta C + bias); bias may be null, act may be any activation. */
    void gemm(boolean transA, boolean transB, double alpha, HostTensor a, HostTensor b, double beta, HostTensor c,
              HostTensor bias, Activation act);

    /**
     * out = act(x w^T + bias), the dense layer's forward pass: as {@link #gemm}, with w packed once per
     * version of its elements and reused while they stay unchanged (see {@link PackedWeight}).
     */
    void dense(HostTensor x, HostTensor w, HostTensor bias, Activation act, HostTensor out);

    void addRowVector(HostTensor bias, HostTensor z);

    void columnSums(HostTensor g, HostTensor out);

    void activationForward(Activation act, HostTensor z, HostTensor a);

    void activationBackward(Activation act, HostTensor a, HostTensor gradA, HostTensor gradZ);

    /** g = act'(a) g in place, and sums = its column sums. */
    void backwardAndColumnSums(Activation act, HostTensor a, HostTensor g, HostTensor sums);

    double loss(LossKind kind, HostTensor pred, HostTensor target, boolean indices);

    void lossGradient(LossKind kind, HostTensor pred, HostTensor target, HostTensor grad, boolean indices);

    long countCorrect(HostTensor pred, HostTensor target, boolean indices);

    /** The SGD update of elements {@code [from, to)} of param (and of grad and buffer, which match it). */
    void sgd(HostTensor param, HostTensor grad, HostTensor buffer, SgdParams p, boolean firstStep, int from, int to);

    /** The Adam update of elements {@code [from, to)} of param, grad, m and v. */
    void adam(HostTensor param, HostTensor grad, HostTensor m, HostTensor v, AdamParams p, long step, int from, int to);
}
