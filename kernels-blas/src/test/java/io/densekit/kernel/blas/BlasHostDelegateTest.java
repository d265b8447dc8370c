package io.densekit.kernel.blas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.densekit.kernel.Activation;
import io.densekit.kernel.Kernel;
import io.densekit.kernel.Kernels;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The delegate the blas kernel finds at run time: simd where the Vector API module is loaded, the
 * reference kernel where it is not (the surefire execution blas-without-vector-api), named in the
 * kernel's details and really doing the non-GEMM work. Skipped where no CBLAS library is found.
 */
class BlasHostDelegateTest {
    private static Kernel blas;

    @BeforeAll
    static void create() {
        blas = BlasTestKernel.createOrSkip();
    }

    private static boolean vectorApiLoaded() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    @Test
    void withTheVectorApiTheSimdKernelTakesTheNonGemmOperations() {
        assumeTrue(vectorApiLoaded(), "this JVM runs without the Vector API module (the other execution checks that)");
        assertThat(blas.details()).endsWith("; other operations: simd kernel");
        assertSameBitsAs("simd");
    }

    @Test
    void withoutTheVectorApiTheReferenceKernelTakesThemAndTheDetailsSayWhy() {
        assumeFalse(vectorApiLoaded(), "this JVM has the Vector API module (blas-without-vector-api checks this)");
        assertThat(blas.details()).endsWith("; other operations: reference kernel (simd unavailable: the Vector API"
                + " module is not loaded; run with --add-modules jdk.incubator.vector)");
        assertSameBitsAs("reference");
    }

    /** An element-wise operation gives exactly the named kernel's bits. */
    private static void assertSameBitsAs(String delegate) {
        Kernel expected = Kernels.byName(delegate);
        for (DType dt : DType.values()) {
            HostTensor z = HostTensor.zeros(dt, 7, 37);
            for (int i = 0; i < z.size(); i++) {
                z.setFlat(i, Math.sin(i * 0.731) * 4);
            }
            HostTensor viaBlas = HostTensor.zeros(dt, 7, 37);
            HostTensor direct = HostTensor.zeros(dt, 7, 37);
            blas.activationForward(Activation.TANH, z, viaBlas);
            expected.activationForward(Activation.TANH, z, direct);
            assertThat(viaBlas.toDoubleArray()).as(dt + " tanh through blas vs " + delegate).containsExactly(direct.toDoubleArray());
        }
    }
}
