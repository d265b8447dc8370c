package io.densekit.kernel.simd;

import io.densekit.tensor.DType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * GEMM and the dense passes with element-wise activations give the same bits at every vector width
 * (each element is one lane's FMA chain; the epilogues are per element), which is what lets a tuned
 * plan run its GEMM narrower than the kernel. Several widths in one JVM: a class of its own.
 */
class GemmWidthIndependenceTest {
    /**
     * GEMM and the dense passes are free of the vector width: a kernel at any width the machine runs
     * gives the bits of one at 128 (each element is one lane's FMA chain; the epilogues are per element).
     */
    @ParameterizedTest(name = "{0} bits, {1}")
    @MethodSource("io.densekit.kernel.simd.Widths#andDtypes")
    void theGemmOperationsGiveTheSameBitsAtEveryWidth(int bits, DType dt) {
        Widths.assumeAvailable(bits);
        try (SimdKernel narrow = new SimdKernel(new SimdConfig(128, 1));
             SimdKernel k = new SimdKernel(new SimdConfig(bits, 2))) {
            GemmPlanBitEqualitySuite.assertSameBits(bits + " bits against 128",
                    GemmPlanBitEqualitySuite.gemmResults(narrow, dt, false), GemmPlanBitEqualitySuite.gemmResults(k, dt, false));
        }
    }
}
