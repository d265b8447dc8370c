package io.densekit.conformance;

import io.densekit.tensor.DType;

/**
 * How far a kernel may stray from the reference kernel, as a multiple of an error scale that each
 * check computes from the operands (for a dot product of length k: sum |a_i b_i|).
 *
 * <ul>
 *   <li>float64: 1e-12 of the scale for every operation. The reference accumulates in double too, so
 *       this leaves a 100x margin over k u = 127 * 1.1e-16 for the largest conformance sizes.</li>
 *   <li>float32 reductions (GEMM, column sums, softmax sums): (k + 4) * 2^-24 of the scale: the
 *       classical bound k u for a recursive float sum plus a few roundings around it. The reference
 *       rounds once from double, so its own error (u/2) is inside the +4.</li>
 *   <li>float32 element-wise work (activations, gradients, updates): 32 ulps (2^-19) of the scale,
 *       room for vectorised exp/tanh/log (SVML-class, within 4 ulps) composed a few times.</li>
 * </ul>
 */
public final class Tolerance {
    private Tolerance() {
    }

    public static final double F64 = 1e-12;
    public static final double F32_ELEMENTWISE = 0x1p-19;

    /** Tolerance for a reduction over {@code k} terms. */
    public static double reduction(DType dtype, int k) {
        return dtype == DType.F64 ? F64 : (k + 4) * 0x1p-24;
    }

    /** Tolerance for element-wise work. */
    public static double elementwise(DType dtype) {
        return dtype == DType.F64 ? F64 : F32_ELEMENTWISE;
    }

    /** Element-wise work that ends in a reduction of {@code k} terms (softmax, losses). */
    public static double mixed(DType dtype, int k) {
        return Math.max(reduction(dtype, k), elementwise(dtype));
    }
}
