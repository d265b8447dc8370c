package io.densekit.kernel.cuda.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.densekit.kernel.reference.ReferenceKernel;
import io.densekit.tensor.DType;
import io.densekit.tensor.HostTensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The agreement bounds of the first-contact check: rounding passes, a wrong result does not. */
class KernelOpenCheckTest {
    private final ReferenceKernel ref = new ReferenceKernel();

    /** a [m, 45], b [n, 45] and the reference's a b^T, in float32. */
    private record Gemm(HostTensor a, HostTensor b, HostTensor expected) {
    }

    private Gemm gemm(long seed, int m, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        HostTensor a = GpuBench.random(DType.F32, m, 45, r);
        HostTensor b = GpuBench.random(DType.F32, n, 45, r);
        HostTensor expected = HostTensor.zeros(DType.F32, m, n);
        ref.gemm(false, true, 1.0, a, b, 0.0, expected);
        return new Gemm(a, b, expected);
    }

    @Test
    void aFloat32GemmRoundedAsAGpuRoundsItPasses() {
        Gemm g = gemm(3, 9, 7);
        HostTensor a = g.a();
        HostTensor b = g.b();
        HostTensor summedInFloat = HostTensor.zeros(DType.F32, 9, 7);
        for (int i = 0; i < 9; i++) {
            for (int j = 0; j < 7; j++) {
                float s = 0;
                for (int p = 0; p < 45; p++) {
                    s += (float) a.get(i, p) * (float) b.get(j, p);
                }
                summedInFloat.set(i, j, s);
            }
        }
        assertThat(KernelOpenCheck.gemmErrorOverBound(a, b, summedInFloat, g.expected(), DType.F32)).isLessThanOrEqualTo(1);
    }

    @Test
    void aGemmOffByOnePartInTenThousandFails() {
        Gemm g = gemm(4, 5, 6);
        HostTensor wrong = g.expected().copy();
        wrong.setFlat(7, wrong.getFlat(7) * (1 + 1e-4) + 1e-4);
        assertThat(KernelOpenCheck.gemmErrorOverBound(g.a(), g.b(), wrong, g.expected(), DType.F32)).isGreaterThan(1);
    }

    @Test
    void anElementTwoUlpsOffPassesAndOneTenThousandthFails() {
        HostTensor expected = HostTensor.vector(DType.F64, 0.5, -0.25, 0.75);
        HostTensor close = expected.copy();
        close.setFlat(0, Math.nextUp(Math.nextUp(0.5)));
        assertThat(KernelOpenCheck.elementErrorOverBound(close, expected, DType.F64)).isLessThanOrEqualTo(1);
        HostTensor wrong = expected.copy();
        wrong.setFlat(2, 0.75 * (1 + 1e-4));
        assertThat(KernelOpenCheck.elementErrorOverBound(wrong, expected, DType.F64)).isGreaterThan(1);
    }
}
